from django.contrib import admin

from aihub.accounts.models import ApiToken, RoleAssignment, User
from aihub.core.admin import HubModelAdmin


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(HubModelAdmin):
    list_display = ["email", "full_name", "language", "is_active"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "language", "role_assignments__role"]
    fields = ["email", "full_name", "language", "is_active", "is_superuser", "last_login"]
    readonly_fields = ["last_login"]
    inlines = [RoleInline]


@admin.register(ApiToken)
class ApiTokenAdmin(HubModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]

from django.contrib import admin

from aihub.companies.models import AIDomain, Company, CompanyMember, Invitation, MembershipPeriod
from aihub.core.admin import HubModelAdmin


class MemberInline(admin.TabularInline):
    model = CompanyMember
    extra = 0
    raw_id_fields = ["user"]


class PeriodInline(admin.TabularInline):
    model = MembershipPeriod
    extra = 0


@admin.register(Company)
class CompanyAdmin(HubModelAdmin):
    list_display = ["name_ko", "name_en", "registration_number", "stage", "headcount"]
    search_fields = ["name_ko", "name_en", "registration_number"]
    list_filter = ["stage", "ai_domains"]
    inlines = [MemberInline, PeriodInline]


@admin.register(AIDomain)
class AIDomainAdmin(HubModelAdmin):
    list_display = ["code", "name_ko", "name_en"]


@admin.register(Invitation)
class InvitationAdmin(HubModelAdmin):
    list_display = ["email", "company", "role", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token_hash"]

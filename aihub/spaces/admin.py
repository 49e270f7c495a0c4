from django.contrib import admin

from aihub.core.admin import HubModelAdmin
from aihub.spaces.models import Facility, Floor


class FloorInline(admin.TabularInline):
    model = Floor
    extra = 0


@admin.register(Facility)
class FacilityAdmin(HubModelAdmin):
    list_display = ["name_ko", "name_en", "area_m2", "opened_on", "is_anchor"]
    inlines = [FloorInline]

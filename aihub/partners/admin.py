from django.contrib import admin

from aihub.core.admin import HubModelAdmin
from aihub.partners.models import Agreement, Partner, PartnerContact


class ContactInline(admin.TabularInline):
    model = PartnerContact
    extra = 0
    raw_id_fields = ["user"]


class AgreementInline(admin.TabularInline):
    model = Agreement
    extra = 0


@admin.register(Partner)
class PartnerAdmin(HubModelAdmin):
    list_display = ["name_en", "name_ko", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name_en", "name_ko"]
    inlines = [ContactInline, AgreementInline]

from django.contrib import admin

from aihub.bookings.models import BookableRoom, Booking, BookingCharge
from aihub.core.admin import HubModelAdmin


@admin.register(BookableRoom)
class BookableRoomAdmin(HubModelAdmin):
    list_display = ["space", "capacity", "hourly_price", "approval_required", "is_active"]
    list_filter = ["approval_required", "is_active", "space__facility"]
    raw_id_fields = ["space"]


@admin.register(Booking)
class BookingAdmin(HubModelAdmin):
    list_display = ["__str__", "room", "company", "starts_at", "ends_at", "status"]
    list_filter = ["status", "booker_kind"]
    raw_id_fields = ["room", "company", "booked_by", "series", "decided_by"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(BookingCharge)
class BookingChargeAdmin(HubModelAdmin):
    list_display = ["__str__", "company", "month", "total", "status"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in BookingCharge._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

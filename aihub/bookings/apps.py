from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    name = "aihub.bookings"
    verbose_name = _("Room booking")

    def ready(self) -> None:
        from aihub.bookings import audit  # noqa: F401 (registers the audit actions)
        from aihub.bookings.invoicing import BookingChargeLines
        from aihub.leasing.lines import register_line_source

        register_line_source(BookingChargeLines())

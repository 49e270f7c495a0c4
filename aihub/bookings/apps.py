from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    name = "aihub.bookings"
    verbose_name = _("Room booking")

    def ready(self) -> None:
        # Registers audit actions, navigation entries.
        from aihub.bookings import audit, nav  # noqa: F401
        from aihub.bookings.invoicing import BookingChargeLines
        from aihub.leasing.lines import register_line_source

        register_line_source(BookingChargeLines())

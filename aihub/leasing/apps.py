from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeasingConfig(AppConfig):
    name = "aihub.leasing"
    verbose_name = _("Spaces, leases and billing")

    def ready(self) -> None:
        # Registers audit actions, navigation entries.
        from aihub.leasing import audit, nav  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeasingConfig(AppConfig):
    name = "aihub.leasing"
    verbose_name = _("Spaces, leases and billing")

    def ready(self) -> None:
        from aihub.leasing import audit  # noqa: F401 (registers the audit actions)

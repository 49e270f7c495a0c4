from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "aihub.calls"
    verbose_name = _("Open recruitment")

    def ready(self) -> None:
        # Registers audit actions, navigation entries, permissions.
        from aihub.calls import audit, nav, rules  # noqa: F401

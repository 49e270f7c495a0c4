from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "aihub.calls"
    verbose_name = _("Open recruitment")

    def ready(self) -> None:
        from aihub.calls import audit, rules  # noqa: F401 (registers audit actions and permissions)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "aihub.outbox"
    verbose_name = _("Mail outbox")

    def ready(self) -> None:
        from aihub.outbox import audit, nav, rules  # noqa: F401 (registers actions, menu, rules)

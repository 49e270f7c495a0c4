from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "aihub.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from aihub.events import audit, rules  # noqa: F401 (registers actions and rules)

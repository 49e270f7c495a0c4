from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "aihub.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # Registers audit actions, navigation entries, permissions.
        from aihub.events import audit, nav, rules  # noqa: F401

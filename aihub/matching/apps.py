from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "aihub.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # Registers audit actions, navigation entries, permissions.
        from aihub.matching import audit, nav, rules  # noqa: F401

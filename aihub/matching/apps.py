from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "aihub.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from aihub.matching import audit, rules  # noqa: F401 (registers actions and rules)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "aihub.outcomes"
    verbose_name = _("Company outcomes")

    def ready(self) -> None:
        from aihub.outcomes import audit  # noqa: F401 (registers the audit actions)

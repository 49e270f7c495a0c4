from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "aihub.companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        # Registers audit actions, navigation entries.
        from aihub.companies import audit, nav  # noqa: F401

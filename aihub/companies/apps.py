from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "aihub.companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from aihub.companies import audit  # noqa: F401 (registers the audit actions)

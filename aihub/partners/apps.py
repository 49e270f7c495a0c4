from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "aihub.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from aihub.partners import audit  # noqa: F401 (registers the audit actions)

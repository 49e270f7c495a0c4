from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "aihub.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        # Registers audit actions, navigation entries.
        from aihub.partners import audit, nav  # noqa: F401

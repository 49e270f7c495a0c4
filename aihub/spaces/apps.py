from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "aihub.spaces"
    verbose_name = _("Facilities and spaces")

    def ready(self) -> None:
        # Registers audit actions, navigation entries.
        from aihub.spaces import audit, nav  # noqa: F401

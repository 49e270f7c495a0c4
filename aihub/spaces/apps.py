from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "aihub.spaces"
    verbose_name = _("Facilities and spaces")

    def ready(self) -> None:
        from aihub.spaces import audit  # noqa: F401 (registers the audit actions)

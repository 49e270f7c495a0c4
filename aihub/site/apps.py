from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "aihub.site"
    label = "site"
    verbose_name = _("Site: home pages and navigation")

    def ready(self) -> None:
        from aihub.site import nav  # noqa: F401 (registers navigation entries)

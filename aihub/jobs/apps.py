from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "aihub.jobs"
    verbose_name = _("Background work")

    def ready(self) -> None:
        """Collect the job kinds every app defines in its ``jobs`` module."""
        from django.utils.module_loading import autodiscover_modules

        from aihub.jobs import nav  # noqa: F401 (registers navigation entries)

        autodiscover_modules("jobs")

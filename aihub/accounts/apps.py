from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aihub.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from aihub.accounts import audit  # noqa: F401 (registers the audit actions)

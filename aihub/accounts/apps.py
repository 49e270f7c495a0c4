from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aihub.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Registers audit actions, navigation entries.
        from aihub.accounts import audit, nav  # noqa: F401

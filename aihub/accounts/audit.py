from django.utils.translation import gettext_lazy as _

from aihub.accounts.enums import Role
from aihub.core import audit

audit.register(
    {
        "accounts.user.created": _("Account created for {email}"),
        "accounts.user.role_granted": _("Role granted: {role}"),
        "accounts.user.role_revoked": _("Role revoked: {role}"),
        "accounts.user.profile_changed": _("Profile changed"),
        "accounts.user.language_changed": _("Language preference set to {language}"),
        "accounts.token.created": _("API token “{name}” created"),
        "accounts.token.revoked": _("API token “{name}” revoked"),
    }
)
audit.register_labels({"role": Role})

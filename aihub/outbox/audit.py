from django.utils.translation import gettext_lazy as _

from aihub.core import audit

audit.register({"outbox.mail.resent": _("Mail to {to} queued again after: {error}")})

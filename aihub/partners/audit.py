from django.utils.translation import gettext_lazy as _

from aihub.core import audit

audit.register(
    {
        "partners.partner.created": _("Partner created"),
        "partners.partner.changed": _("Partner details changed: {fields}"),
        "partners.contact.added": _("Contact {name} added"),
        "partners.contact.removed": _("Contact {name} removed"),
        "partners.agreement.signed": _("Agreement “{title}” of {signed_on} recorded"),
    }
)

from django.utils.translation import gettext_lazy as _

from aihub.core import audit

audit.register(
    {
        "spaces.facility.created": _("Facility created"),
        "spaces.facility.changed": _("Facility details changed: {fields}"),
        "spaces.floor.described": _("Floor {label} described"),
    }
)

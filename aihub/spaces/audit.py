from django.utils.translation import gettext_lazy as _

from aihub.core import audit
from aihub.spaces.enums import SpaceKind, SpaceStatus

audit.register(
    {
        "spaces.facility.created": _("Facility created"),
        "spaces.facility.changed": _("Facility details changed: {fields}"),
        "spaces.floor.described": _("Floor {label} described"),
        "spaces.space.created": _("Space {code} created ({space_kind})"),
        "spaces.space.status_changed": _("Space {code} is now {space_status}"),
    }
)
audit.register_labels({"space_kind": SpaceKind, "space_status": SpaceStatus})

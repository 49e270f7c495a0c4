"""Who sees what of a booking: its holder and staff see it in full, others only "busy"."""

from dataclasses import dataclass

from aihub.accounts.models import User
from aihub.bookings.models import Booking


@dataclass(frozen=True)
class Viewer:
    user_id: int | None
    staff: bool
    company_ids: frozenset[int]

    def sees(self, booking: Booking) -> bool:
        """Whether the booking's title and holder may be shown to this viewer."""
        return self.sees_ids(booking.company_id, booking.booked_by_id)

    def sees_ids(self, company_id: int | None, booked_by_id: int) -> bool:
        if self.staff:
            return True
        if company_id is not None:
            return company_id in self.company_ids
        return booked_by_id == self.user_id


def viewer_for(user: User) -> Viewer:
    """The viewer's staff role and companies, read in one query (none for anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return Viewer(None, False, frozenset())
    return Viewer(
        user.pk,
        user.is_hub_staff,
        frozenset(user.company_memberships.values_list("company_id", flat=True)),
    )

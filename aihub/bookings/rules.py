"""Who may do what with rooms and bookings.

Anyone signed in may see rooms and their calendars (others' bookings only as "busy").
Object permissions on a booking: staff manage all; a company's members manage their
company's bookings; a person manages the bookings they hold without a company.
"""

import rules

from aihub.accounts.rules import is_hub_staff, is_signed_in
from aihub.companies.rules import is_company_member


@rules.predicate
def holds_booking(user: object, booking: object) -> bool:
    """The user's company holds the booking, or the user holds it in person."""
    if booking is None or not getattr(user, "is_authenticated", False):
        return False
    if booking.company_id is not None:
        return is_company_member(user, booking.company)
    return booking.booked_by_id == user.pk


rules.add_perm("bookings.view_rooms", is_signed_in)
rules.add_perm("bookings.book", is_signed_in)
rules.add_perm("bookings.manage_rooms", is_hub_staff)
rules.add_perm("bookings.approve", is_hub_staff)
rules.add_perm("bookings.view_reports", is_hub_staff)
rules.add_perm("bookings.book_for_anyone", is_hub_staff)
rules.add_perm("bookings.view_company_bookings", is_hub_staff | is_company_member)
rules.add_perm("bookings.manage_booking", is_hub_staff | holds_booking)

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image

from aihub.accounts.enums import Role
from aihub.bookings import services
from aihub.bookings.enums import BookerKind, BookingStatus, ChargeStatus
from aihub.bookings.errors import BookingConflict, QuotaExceeded
from aihub.bookings.models import Booking, BookingCharge, BookingSeries
from aihub.bookings.tests.conftest import slot
from aihub.core.errors import Conflict, PermissionDenied, ValidationFailed
from aihub.core.models import AuditEntry
from aihub.spaces import services as space_services

pytestmark = pytest.mark.django_db


def book(room, day, start, end, *, actor, company=None, **extra):
    starts_at, ends_at = slot(day, start, end)
    return services.book_room(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        title=extra.pop("title", "Weekly sync"),
        actor=actor,
        company=company,
        **extra,
    )


def _counts() -> tuple[int, int, int, int]:
    return (
        Booking.objects.count(),
        BookingSeries.objects.count(),
        BookingCharge.objects.count(),
        AuditEntry.objects.count(),
    )


def test_book_room_confirms_and_mails(
    room, member, company, day, django_capture_on_commit_callbacks, run_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(room, day, "10:00", "11:00", actor=member, company=company)
    run_tasks()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.booker_kind == BookerKind.RESIDENT
    assert booking.blocked_until == booking.ends_at
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert mail.outbox[0].attachments[0][0] == "booking.ics"
    assert AuditEntry.objects.filter(action="bookings.booking.created").count() == 1


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        ("11:00", "10:00", "ends_before_start"),
        ("06:00", "07:00", "outside_open_hours"),
        ("21:30", "22:30", "outside_open_hours"),
        ("10:00", "15:00", "duration_limit"),
        ("10:10", "11:10", "off_grid"),
    ],
)
def test_book_room_bad_times_refused_nothing_written(room, member, company, day, start, end, code):
    before = _counts()
    with pytest.raises(ValidationFailed) as refused:
        book(room, day, start, end, actor=member, company=company)
    assert refused.value.code == code
    assert _counts() == before


def test_book_room_in_the_past_refused(room, member, company):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationFailed) as refused:
        book(room, yesterday, "10:00", "11:00", actor=member, company=company)
    assert refused.value.code == "in_the_past"


def test_book_room_beyond_window_refused(room, member, company):
    far = timezone.localdate() + datetime.timedelta(days=room.window_days + 7)
    while far.weekday() >= 5:
        far += datetime.timedelta(days=1)
    with pytest.raises(ValidationFailed) as refused:
        book(room, far, "10:00", "11:00", actor=member, company=company)
    assert refused.value.code == "beyond_window"
    assert str(room.window_days) in str(refused.value.message)


def test_book_room_weekend_refused(room, member, company, day):
    saturday = day + datetime.timedelta(days=5 - day.weekday())
    with pytest.raises(ValidationFailed) as refused:
        book(room, saturday, "10:00", "11:00", actor=member, company=company)
    assert refused.value.code == "outside_open_hours"


def test_book_room_over_capacity_refused(room, member, company, day):
    with pytest.raises(ValidationFailed) as refused:
        book(room, day, "10:00", "11:00", actor=member, company=company, attendees=99)
    assert refused.value.code == "over_capacity"


def test_book_room_role_not_allowed_refused(make_room, member, company, day):
    hall = make_room("B1-HALL", allowed_bookers=[BookerKind.PARTNER])
    with pytest.raises(ValidationFailed) as refused:
        book(hall, day, "10:00", "11:00", actor=member, company=company)
    assert refused.value.code == "booker_not_allowed"


def test_book_room_other_company_refused(room, member, other_company, day):
    with pytest.raises(PermissionDenied):
        book(room, day, "10:00", "11:00", actor=member, company=other_company)


def test_book_room_overlap_names_the_taken_time(room, member, owner, company, day):
    book(room, day, "10:00", "11:00", actor=member, company=company)
    before = _counts()
    with pytest.raises(BookingConflict) as refused:
        book(room, day, "10:30", "11:30", actor=owner, company=company)
    assert refused.value.status == 409
    assert f"{day.isoformat()} 10:00" in str(refused.value.message)
    assert "11:00" in str(refused.value.message)
    assert _counts() == before


def test_book_room_buffer_counts_as_taken(make_room, member, company, day):
    room = make_room("5F-M2", buffer_minutes=15)
    book(room, day, "10:00", "11:00", actor=member, company=company)
    with pytest.raises(BookingConflict):
        book(room, day, "11:00", "12:00", actor=member, company=company)
    with pytest.raises(BookingConflict):
        book(room, day, "09:00", "10:00", actor=member, company=company)
    later = book(room, day, "11:30", "12:00", actor=member, company=company)
    assert later.blocked_until == later.ends_at + datetime.timedelta(minutes=15)


def test_book_room_adjacent_without_buffer_allowed(room, member, company, day):
    book(room, day, "10:00", "11:00", actor=member, company=company)
    assert book(room, day, "11:00", "12:00", actor=member, company=company).pk


def test_book_room_cancelled_slot_free_again(room, member, company, day):
    first = book(room, day, "10:00", "11:00", actor=member, company=company)
    services.cancel_booking(booking=first, actor=member)
    assert book(room, day, "10:00", "11:00", actor=member, company=company).pk


def test_book_room_approval_required_pending_then_approved(make_room, member, company, staff, day):
    room = make_room("5F-E1", approval_required=True)
    booking = book(room, day, "10:00", "11:00", actor=member, company=company)
    assert booking.status == BookingStatus.PENDING
    with pytest.raises(BookingConflict):
        book(room, day, "10:00", "11:00", actor=member, company=company)
    with pytest.raises(PermissionDenied):
        services.approve_booking(booking=booking, actor=member)
    assert services.approve_booking(booking=booking, actor=staff).status == BookingStatus.CONFIRMED
    with pytest.raises(Conflict):
        services.approve_booking(booking=booking, actor=staff)


def test_reject_booking_frees_slot(make_room, member, company, staff, day):
    room = make_room("5F-E1", approval_required=True)
    booking = book(room, day, "10:00", "11:00", actor=member, company=company)
    rejected = services.reject_booking(booking=booking, actor=staff, note="행사 일정")
    assert rejected.status == BookingStatus.REJECTED
    assert book(room, day, "10:00", "11:00", actor=staff).status == BookingStatus.CONFIRMED


def test_book_series_all_weeks_created(room, member, company, day):
    starts_at, ends_at = slot(day, "14:00", "15:00")
    series = services.book_series(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        weeks=4,
        title="Standup",
        actor=member,
        company=company,
    )
    times = list(series.bookings.order_by("starts_at").values_list("starts_at", flat=True))
    assert [t - times[0] for t in times] == [datetime.timedelta(weeks=w) for w in range(4)]


def test_book_series_conflicts_listed_nothing_written(room, member, owner, company, day):
    third = day + datetime.timedelta(weeks=2)
    book(room, third, "14:30", "15:30", actor=owner, company=company)
    before = _counts()
    starts_at, ends_at = slot(day, "14:00", "15:00")
    with pytest.raises(BookingConflict) as refused:
        services.book_series(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            weeks=4,
            title="Standup",
            actor=member,
            company=company,
        )
    assert refused.value.conflicts == [third.isoformat()]
    assert third.isoformat() in str(refused.value.message)
    assert _counts() == before


def test_book_series_beyond_window_lists_dates(room, member, company, day):
    starts_at, ends_at = slot(day, "14:00", "15:00")
    with pytest.raises(ValidationFailed) as refused:
        services.book_series(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            weeks=20,
            title="Long",
            actor=member,
            company=company,
        )
    assert refused.value.code == "series_invalid"
    assert Booking.objects.count() == 0


def test_book_series_weeks_out_of_range_refused(room, member, company, day):
    starts_at, ends_at = slot(day, "14:00", "15:00")
    with pytest.raises(ValidationFailed):
        services.book_series(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            weeks=40,
            title="x",
            actor=member,
            company=company,
        )


def test_free_room_quota_exceeded_refused(make_room, member, company, day):
    room = make_room("5F-Q", free_hours_resident=2)
    book(room, day, "10:00", "12:00", actor=member, company=company)
    before = _counts()
    with pytest.raises(QuotaExceeded) as refused:
        book(room, day, "13:00", "14:00", actor=member, company=company)
    assert refused.value.status == 409
    assert _counts() == before


def test_paid_room_hours_beyond_free_charged(make_room, member, company, day):
    room = make_room("5F-P", free_hours_resident=1, hourly_price=20_000)
    first = book(room, day, "10:00", "11:00", actor=member, company=company)
    assert not first.charges.exists()
    second = book(room, day, "13:00", "14:30", actor=member, company=company)
    charge = second.charges.get()
    assert (charge.minutes, charge.subtotal, charge.vat, charge.total) == (
        90,
        30_000,
        3_000,
        33_000,
    )
    services.cancel_booking(booking=second, actor=member)
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.CANCELLED


def test_outside_organiser_pending_and_charged(make_room, make_user, day):
    room = make_room(
        "5F-O", hourly_price=30_000, allowed_bookers=[BookerKind.OUTSIDE, BookerKind.RESIDENT]
    )
    outsider = make_user("host@meetup.example")
    with pytest.raises(ValidationFailed):
        book(room, day, "10:00", "12:00", actor=outsider)
    booking = book(room, day, "10:00", "12:00", actor=outsider, organiser="AI 밋업")
    assert (booking.status, booking.booker_kind) == (BookingStatus.PENDING, BookerKind.OUTSIDE)
    assert booking.charges.get().total == 66_000


def test_partner_books_as_partner(room, make_user, day):
    researcher = make_user("lab@etri.example", roles=(Role.RESEARCHER,))
    booking = book(room, day, "10:00", "11:00", actor=researcher)
    assert booking.booker_kind == BookerKind.PARTNER
    assert booking.company is None


def test_change_booking_moves_and_keeps_invariant(room, member, company, day):
    first = book(room, day, "10:00", "11:00", actor=member, company=company)
    book(room, day, "12:00", "13:00", actor=member, company=company)
    starts_at, ends_at = slot(day, "10:30", "11:30")
    moved = services.change_booking(
        booking=first, starts_at=starts_at, ends_at=ends_at, actor=member
    )
    assert moved.starts_at == starts_at
    starts_at, ends_at = slot(day, "11:30", "12:30")
    with pytest.raises(BookingConflict):
        services.change_booking(booking=first, starts_at=starts_at, ends_at=ends_at, actor=member)
    first.refresh_from_db()
    assert first.ends_at == slot(day, "10:30", "11:30")[1]


def test_cancel_begun_booking_refused(room, member, company, day):
    booking = book(room, day, "10:00", "11:00", actor=member, company=company)
    with pytest.raises(Conflict):
        services.cancel_booking(
            booking=booking, actor=member, now=booking.starts_at + datetime.timedelta(minutes=1)
        )


def test_check_in_window(room, member, company, day):
    booking = book(room, day, "10:00", "11:00", actor=member, company=company)
    with pytest.raises(Conflict):
        services.check_in(
            booking=booking, actor=member, now=booking.starts_at - datetime.timedelta(hours=1)
        )
    done = services.check_in(booking=booking, actor=member, now=booking.starts_at)
    assert done.status == BookingStatus.CHECKED_IN


def test_release_no_shows_frees_rest_of_slot(
    room, member, company, day, django_capture_on_commit_callbacks, run_tasks
):
    missed = book(room, day, "10:00", "12:00", actor=member, company=company)
    kept = book(room, day, "13:00", "14:00", actor=member, company=company)
    services.check_in(booking=kept, actor=member, now=kept.starts_at)
    with django_capture_on_commit_callbacks(execute=True):
        released = services.release_no_shows(now=missed.starts_at + datetime.timedelta(minutes=16))
    run_tasks()
    assert released == 1
    missed.refresh_from_db()
    kept.refresh_from_db()
    assert (missed.status, kept.status) == (BookingStatus.RELEASED, BookingStatus.CHECKED_IN)
    assert mail.outbox[-1].to == [member.email]
    assert services.release_no_shows(now=missed.starts_at + datetime.timedelta(minutes=20)) == 0


def test_release_no_shows_not_before_15_minutes(room, member, company, day):
    booking = book(room, day, "10:00", "11:00", actor=member, company=company)
    assert services.release_no_shows(now=booking.starts_at + datetime.timedelta(minutes=14)) == 0


def _png(size: tuple[int, int] = (8, 8)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size).save(buffer, format="PNG")
    return SimpleUploadedFile("room.png", buffer.getvalue(), content_type="image/png")


def test_set_room_photo_accepts_image(room):
    saved = services.set_room_photo(room=room, photo=_png(), actor=None)
    assert saved.photo.name.startswith("rooms/")


def test_set_room_photo_refuses_non_image(room):
    fake = SimpleUploadedFile("room.png", b"not an image", content_type="image/png")
    with pytest.raises(ValidationFailed) as refused:
        services.set_room_photo(room=room, photo=fake, actor=None)
    assert list(refused.value.errors) == ["photo"]


def test_set_up_room_refuses_office(facility):
    from aihub.spaces.enums import SpaceKind

    office = space_services.create_space(
        facility=facility,
        floor=facility.floors.get(level=5),
        kind=SpaceKind.PRIVATE_OFFICE,
        code="5F-01",
        name_ko="사무실",
        name_en="Office",
        area_m2=30,
        actor=None,
    )
    with pytest.raises(ValidationFailed):
        services.set_up_room(space=office, actor=None, capacity=4)


def test_change_room_refuses_bad_rules(room):
    with pytest.raises(ValidationFailed) as refused:
        services.change_room(room=room, actor=None, min_minutes=120, max_minutes=60)
    assert "max_minutes" in refused.value.errors


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's"
)
def test_exclusion_constraint_refuses_direct_overlap(room, member, company, day):
    """Written past the service, an overlapping hold of the same room is refused by the
    database itself; a released one is not in the way."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError, transaction

    from aihub.bookings.enums import HoldState
    from aihub.bookings.models import RoomHold

    first = book(room, day, "10:00", "11:00", actor=member, company=company)
    second = book(room, day, "12:00", "13:00", actor=member, company=company)

    def overlapping(state: str) -> RoomHold:
        return RoomHold.objects.create(
            space=room.space,
            purpose="event",
            title_ko="x",
            starts_at=first.starts_at,
            ends_at=first.ends_at,
            blocked_until=first.ends_at,
            state=state,
            owner_type=ContentType.objects.get_for_model(Booking),
            owner_id=second.pk + 1000,
        )

    with pytest.raises(IntegrityError), transaction.atomic():
        overlapping(HoldState.HELD)
    assert overlapping(HoldState.RELEASED).pk

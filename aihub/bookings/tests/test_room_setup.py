"""Staff pages that set up bookable rooms and change their rules, and their services."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from aihub.bookings import services
from aihub.bookings.enums import BookerKind, BookingStatus
from aihub.bookings.models import BookableRoom
from aihub.bookings.tests.conftest import slot
from aihub.core.errors import ValidationFailed
from aihub.core.models import AuditEntry
from aihub.spaces import services as space_services
from aihub.spaces.enums import SpaceKind

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG")
    return SimpleUploadedFile("room.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def make_space(facility):
    def make(code: str, kind: str = SpaceKind.MEETING_ROOM, seats: int = 6):
        return space_services.create_space(
            facility=facility,
            floor=facility.floors.get(level=5),
            kind=kind,
            code=code,
            name_ko=f"공간 {code}",
            name_en=f"Space {code}",
            area_m2=25,
            seats=seats,
            actor=None,
        )

    return make


def _form_data(room: BookableRoom | None = None, **changes) -> dict[str, object]:
    """What the edit form posts for ``room`` (a new room's defaults), with ``changes``."""
    room = room or BookableRoom(capacity=6)
    data = {
        "capacity": room.capacity,
        "equipment": list(room.equipment),
        "description_ko": room.description_ko,
        "description_en": room.description_en,
        "opens_at": room.opens_at.strftime("%H:%M"),
        "closes_at": room.closes_at.strftime("%H:%M"),
        "open_weekdays": list(room.open_weekdays),
        "allowed_bookers": list(room.allowed_bookers),
        "slot_minutes": room.slot_minutes,
        "min_minutes": room.min_minutes,
        "max_minutes": room.max_minutes,
        "window_days": room.window_days,
        "buffer_minutes": room.buffer_minutes,
        "hourly_price": room.hourly_price,
        "free_hours_resident": room.free_hours_resident,
        "free_hours_membership": room.free_hours_membership,
    }
    for flag in ("approval_required", "check_in_required", "is_active"):
        if getattr(room, flag):
            data[flag] = "on"
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def _query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


# The setup list


def test_room_setup_lists_every_bookable_kind(staff_client, room, make_space):
    waiting = make_space("5F-E9", kind=SpaceKind.EDUCATION_ROOM)
    make_space("5F-01", kind=SpaceKind.PRIVATE_OFFICE)
    services.change_room(room=room, actor=None, is_active=False)
    response = staff_client.get(reverse("bookings:room_setup"))
    assert response.status_code == 200
    states = {space.code: state for space, state in _states(response)}
    assert states == {"5F-E9": "not_set_up", "5F-M1": "paused"}
    assert f'data-testid="set-up-{waiting.pk}"'.encode() in response.content
    assert f'data-testid="edit-room-{room.pk}"'.encode() in response.content


def _states(response):
    for space, room in response.context["rows"]:
        if room is None:
            yield space, "not_set_up"
        else:
            yield space, "bookable" if room.is_active else "paused"


def test_room_setup_filters_by_facility(staff_client, room):
    response = staff_client.get(reverse("bookings:room_setup"), {"facility": "elsewhere"})
    assert [space.code for space, _room in response.context["rows"]] == ["5F-M1"]


def test_room_setup_member_refused(member_client, room):
    assert member_client.get(reverse("bookings:room_setup")).status_code == 403


def test_room_setup_owner_refused(owner_client, room):
    assert owner_client.get(reverse("bookings:room_setup")).status_code == 403


def test_room_setup_anonymous_redirected(client):
    assert client.get(reverse("bookings:room_setup")).status_code == 302


def test_room_setup_query_count_constant(staff_client, make_room, make_space):
    make_room("5F-R1")
    make_space("5F-S1")
    url = reverse("bookings:room_setup")
    one = _query_count(staff_client, url)
    make_room("5F-R2")
    make_room("5F-R3")
    make_space("5F-S2")
    assert BookableRoom.objects.count() == 3
    assert _query_count(staff_client, url) == one


def test_staff_nav_links_to_room_setup(staff_client, room):
    for name in ("bookings:approvals", "bookings:report", "bookings:index"):
        content = staff_client.get(reverse(name)).content
        assert reverse("bookings:room_setup").encode() in content
    page = staff_client.get(reverse("bookings:room", args=[room.pk])).content
    assert reverse("bookings:room_edit", args=[room.pk]).encode() in page


def test_member_nav_has_no_room_setup(member_client, room):
    content = member_client.get(reverse("bookings:index")).content
    assert reverse("bookings:room_setup").encode() not in content


# Making a space bookable


def test_room_set_up_form_starts_from_defaults(staff_client, make_space):
    space = make_space("5F-E1", kind=SpaceKind.EDUCATION_ROOM, seats=40)
    response = staff_client.get(reverse("bookings:room_set_up", args=[space.pk]))
    assert response.status_code == 200
    assert response.context["form"].initial["capacity"] == 40
    assert response.context["form"].initial["slot_minutes"] == 30


def test_room_set_up_creates_profile_with_photo(staff_client, staff, make_space):
    space = make_space("5F-E1", kind=SpaceKind.EDUCATION_ROOM)
    data = _form_data(
        capacity=30,
        equipment=["projector", "pcs"],
        allowed_bookers=[BookerKind.RESIDENT, BookerKind.OUTSIDE],
        slot_minutes=60,
        min_minutes=60,
        max_minutes=480,
        approval_required="on",
        hourly_price=80_000,
        free_hours_resident=8,
        photo=_png(),
    )
    response = staff_client.post(reverse("bookings:room_set_up", args=[space.pk]), data)
    room = BookableRoom.objects.get(space=space)
    assert response.status_code == 302
    assert response.url == reverse("bookings:room_edit", args=[room.pk])
    assert (room.capacity, room.equipment, room.allowed_bookers) == (
        30,
        ["projector", "pcs"],
        [BookerKind.RESIDENT, BookerKind.OUTSIDE],
    )
    assert (room.slot_minutes, room.max_minutes, room.hourly_price) == (60, 480, 80_000)
    assert (room.approval_required, room.check_in_required, room.is_active) == (True, True, True)
    assert room.photo.name.startswith("rooms/")
    entries = AuditEntry.objects.filter(object_id=room.pk, action__startswith="bookings.room")
    assert [(e.action, e.actor_id) for e in entries] == [("bookings.room.set_up", staff.pk)]


def test_room_set_up_bad_rules_400_nothing_written(staff_client, make_space):
    space = make_space("5F-E1")
    data = _form_data(opens_at="18:00", closes_at="09:00", min_minutes=45, photo=_png())
    response = staff_client.post(reverse("bookings:room_set_up", args=[space.pk]), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"closes_at", "min_minutes"}
    assert BookableRoom.objects.count() == 0
    assert b'class="field has-error" data-testid="field-closes_at"' in response.content


def test_room_set_up_already_bookable_goes_to_edit(staff_client, room):
    response = staff_client.get(reverse("bookings:room_set_up", args=[room.space_id]))
    assert response.url == reverse("bookings:room_edit", args=[room.pk])


def test_room_set_up_office_404(staff_client, make_space):
    office = make_space("5F-01", kind=SpaceKind.PRIVATE_OFFICE)
    assert staff_client.get(reverse("bookings:room_set_up", args=[office.pk])).status_code == 404


def test_room_set_up_member_refused(member_client, make_space):
    space = make_space("5F-E1")
    url = reverse("bookings:room_set_up", args=[space.pk])
    assert member_client.get(url).status_code == 403
    assert member_client.post(url, _form_data()).status_code == 403
    assert BookableRoom.objects.count() == 0


# Changing a room


def test_room_edit_page_shows_rules(staff_client, room):
    response = staff_client.get(reverse("bookings:room_edit", args=[room.pk]))
    assert response.status_code == 200
    assert response.context["form"].initial["equipment"] == ["display", "video"]


def test_room_edit_changes_rules_in_one_audit_entry(staff_client, staff, room):
    data = _form_data(
        room,
        approval_required="on",
        buffer_minutes=15,
        open_weekdays=[0, 1, 2, 3, 4, 5],
        free_hours_membership=10,
    )
    response = staff_client.post(reverse("bookings:room_edit", args=[room.pk]), data)
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.approval_required, room.buffer_minutes, room.open_weekdays) == (
        True,
        15,
        [0, 1, 2, 3, 4, 5],
    )
    assert room.free_hours_membership == 10
    entry = AuditEntry.objects.filter(action="bookings.room.changed", object_id=room.pk).get()
    assert entry.actor_id == staff.pk
    assert entry.data["fields"] == [
        "open_weekdays",
        "buffer_minutes",
        "approval_required",
        "free_hours_membership",
    ]


def test_room_edit_unchanged_writes_no_audit(staff_client, room):
    response = staff_client.post(reverse("bookings:room_edit", args=[room.pk]), _form_data(room))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="bookings.room.changed").exists()


def test_room_edit_pause_hides_room_from_members(staff_client, member_client, room):
    data = _form_data(room, is_active=None)
    staff_client.post(reverse("bookings:room_edit", args=[room.pk]), data)
    room.refresh_from_db()
    assert room.is_active is False
    assert member_client.get(reverse("bookings:room", args=[room.pk])).status_code == 404
    assert staff_client.get(reverse("bookings:room_edit", args=[room.pk])).status_code == 200


def test_room_edit_photo_replaced_then_removed(
    staff_client, room, django_capture_on_commit_callbacks
):
    url = reverse("bookings:room_edit", args=[room.pk])
    staff_client.post(url, _form_data(room, photo=_png()))
    room.refresh_from_db()
    first = room.photo.name
    assert first.startswith("rooms/")
    response = staff_client.get(url)
    assert "remove_photo" in response.context["form"].fields
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, _form_data(room, remove_photo="on"))
    room.refresh_from_db()
    assert room.photo.name == ""
    assert not room.photo.storage.exists(first)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"closes_at": "07:00"}, "closes_at"),
        ({"min_minutes": 120, "max_minutes": 60}, "max_minutes"),
        ({"min_minutes": 45}, "min_minutes"),
        ({"slot_minutes": 20}, "slot_minutes"),
        ({"open_weekdays": None}, "open_weekdays"),
        ({"buffer_minutes": 300}, "buffer_minutes"),
        ({"window_days": 0}, "window_days"),
        ({"capacity": "many"}, "capacity"),
        ({"hourly_price": -1}, "hourly_price"),
        ({"free_hours_resident": 100_000}, "free_hours_resident"),
        ({"equipment": ["teleporter"]}, "equipment"),
        ({"allowed_bookers": ["hub"]}, "allowed_bookers"),
        ({"opens_at": "25:00"}, "opens_at"),
    ],
)
def test_room_edit_bad_input_400_nothing_saved(staff_client, room, changes, field):
    data = _form_data(room, approval_required="on", **changes)
    response = staff_client.post(reverse("bookings:room_edit", args=[room.pk]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    room.refresh_from_db()
    assert room.approval_required is False
    assert not AuditEntry.objects.filter(action="bookings.room.changed").exists()


def test_room_edit_bad_photo_400_rules_not_saved(staff_client, room):
    fake = SimpleUploadedFile("room.png", b"not an image", content_type="image/png")
    data = _form_data(room, approval_required="on", photo=fake)
    response = staff_client.post(reverse("bookings:room_edit", args=[room.pk]), data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["photo"]
    room.refresh_from_db()
    assert (room.approval_required, room.photo.name) == (False, "")


def test_room_edit_error_in_english(staff_client, staff, room):
    staff.language = "en"
    staff.save(update_fields=["language"])
    data = _form_data(room, closes_at="07:00")
    response = staff_client.post(reverse("bookings:room_edit", args=[room.pk]), data)
    assert response.context["form"].errors["closes_at"] == ["The room must close after it opens."]


def test_room_edit_member_refused(member_client, room):
    url = reverse("bookings:room_edit", args=[room.pk])
    assert member_client.get(url).status_code == 403
    assert member_client.post(url, _form_data(room, approval_required="on")).status_code == 403
    room.refresh_from_db()
    assert room.approval_required is False


def test_room_edit_unknown_room_404(staff_client):
    assert staff_client.get(reverse("bookings:room_edit", args=[999_999])).status_code == 404


def test_room_edit_approval_makes_next_booking_pending(staff_client, room, member, company, day):
    staff_client.post(
        reverse("bookings:room_edit", args=[room.pk]),
        _form_data(room, approval_required="on"),
    )
    starts_at, ends_at = slot(day, "10:00", "11:00")
    booking = services.book_room(
        room=BookableRoom.objects.get(pk=room.pk),
        starts_at=starts_at,
        ends_at=ends_at,
        title="회의",
        actor=member,
        company=company,
    )
    assert booking.status == BookingStatus.PENDING


# The services behind the pages


def test_edit_room_reports_rule_and_photo_errors_together(room):
    fake = SimpleUploadedFile("room.png", b"nope", content_type="image/png")
    with pytest.raises(ValidationFailed) as refused:
        services.edit_room(room=room, actor=None, photo=fake, closes_at=datetime.time(7))
    assert sorted(refused.value.errors) == ["closes_at", "photo"]


def test_edit_room_refuses_unknown_rule(room):
    with pytest.raises(ValidationFailed):
        services.edit_room(room=room, actor=None, colour="red")


def test_set_up_room_refuses_out_of_range_numbers(make_space):
    space = make_space("5F-X")
    with pytest.raises(ValidationFailed) as refused:
        services.set_up_room(
            space=space, actor=None, window_days=5000, hourly_price=10**10, buffer_minutes=-5
        )
    assert sorted(refused.value.errors) == ["buffer_minutes", "hourly_price", "window_days"]
    assert BookableRoom.objects.count() == 0

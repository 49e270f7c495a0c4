"""One owner of room time: bookings, events (demo days included) and expert sessions all
hold a room through ``aihub.bookings.holds``, so none can take a room another holds, and the
room's calendar shows each use (in full to those who may see it, "busy" to others)."""

import datetime

import pytest
from django.urls import reverse

from aihub.bookings import holds, services
from aihub.bookings.enums import HoldPurpose, HoldState
from aihub.bookings.errors import BookingConflict
from aihub.bookings.models import RoomHold
from aihub.bookings.tests.conftest import slot
from aihub.core.errors import ValidationFailed
from aihub.events import services as event_services
from aihub.events.enums import EventKind
from aihub.events.models import Event
from aihub.spaces import services as space_services
from aihub.spaces.enums import SpaceKind, SpaceStatus
from conftest import signed_in

pytestmark = pytest.mark.django_db


def _event(staff, room, day, start="14:00", end="17:00", title="데모데이"):
    starts_at, ends_at = slot(day, start, end)
    return event_services.create_event(
        kind=EventKind.DEMO_DAY,
        title_ko=title,
        title_en="Demo day",
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=40,
        space=room.space,
        actor=staff,
    )


def _book(room, member, company, day, start="15:00", end="16:00"):
    starts_at, ends_at = slot(day, start, end)
    return services.book_room(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        title="주간 회의",
        actor=member,
        company=company,
    )


def test_event_in_a_room_holds_it_and_a_member_cannot_book_it(room, staff, member, company, day):
    event = _event(staff, room, day)
    hold = holds.hold_for(event)
    assert (hold.purpose, hold.state, hold.space_id) == (
        HoldPurpose.EVENT,
        HoldState.HELD,
        room.space_id,
    )
    with pytest.raises(BookingConflict) as refused:
        _book(room, member, company, day)
    assert "14:00" in str(refused.value.message)
    assert "데모데이" not in str(refused.value.message)


def test_staff_are_told_what_holds_the_room(room, staff, day):
    _event(staff, room, day)
    starts_at, ends_at = slot(day, "15:00", "16:00")
    with pytest.raises(BookingConflict) as refused:
        services.book_room(
            room=room, starts_at=starts_at, ends_at=ends_at, title="회의", actor=staff
        )
    assert "데모데이" in str(refused.value.message)


def test_an_event_cannot_take_a_booked_room(room, staff, member, company, day):
    booking = _book(room, member, company, day)
    with pytest.raises(BookingConflict) as refused:
        _event(staff, room, day)
    assert refused.value.errors["space"]
    assert "주간 회의" in str(refused.value.message)
    assert not Event.objects.exists()
    assert holds.hold_for(booking).state == HoldState.HELD


def test_moving_an_event_moves_its_hold_and_frees_the_old_time(room, staff, member, company, day):
    event = _event(staff, room, day)
    later_start, later_end = slot(day, "18:00", "20:00")
    event_services.change_event(event=event, actor=staff, starts_at=later_start, ends_at=later_end)
    hold = holds.hold_for(event)
    assert (hold.starts_at, hold.ends_at) == (later_start, later_end)
    assert _book(room, member, company, day).pk


def test_moving_an_event_onto_a_booked_slot_changes_nothing(room, staff, member, company, day):
    event = _event(staff, room, day, start="09:00", end="11:00")
    _book(room, member, company, day, start="15:00", end="16:00")
    starts_at, ends_at = slot(day, "14:00", "17:00")
    with pytest.raises(BookingConflict):
        event_services.change_event(event=event, actor=staff, starts_at=starts_at, ends_at=ends_at)
    event.refresh_from_db()
    assert event.starts_at == slot(day, "09:00", "11:00")[0]
    assert holds.hold_for(event).starts_at == event.starts_at


def test_moving_an_event_elsewhere_frees_the_room(room, staff, member, company, day):
    event = _event(staff, room, day)
    event_services.change_event(event=event, actor=staff, space=None, address="코엑스")
    assert holds.hold_for(event).state == HoldState.RELEASED
    assert _book(room, member, company, day).pk


def test_cancelling_a_booking_frees_its_hold_at_once(room, staff, member, company, day):
    booking = _book(room, member, company, day)
    services.cancel_booking(booking=booking, actor=member)
    assert holds.hold_for(booking).state == HoldState.RELEASED
    assert _event(staff, room, day).pk


def test_moving_a_booking_keeps_one_hold_that_follows_it(room, member, company, day):
    booking = _book(room, member, company, day)
    starts_at, ends_at = slot(day, "17:00", "18:00")
    services.change_booking(booking=booking, starts_at=starts_at, ends_at=ends_at, actor=member)
    assert RoomHold.objects.filter(owner_id=booking.pk, purpose="booking").count() == 1
    assert holds.hold_for(booking).starts_at == starts_at


def test_the_buffer_between_uses_counts_for_events_too(make_room, staff, member, company, day):
    room = make_room("5F-M2", buffer_minutes=30)
    _event(staff, room, day, start="10:00", end="12:00")
    with pytest.raises(BookingConflict):
        _book(room, member, company, day, start="12:00", end="13:00")
    assert _book(room, member, company, day, start="12:30", end="13:00").pk


def test_only_rooms_can_be_held_and_not_under_maintenance(facility, staff, room, day):
    office = space_services.create_space(
        facility=facility,
        floor=facility.floors.get(level=5),
        kind=SpaceKind.PRIVATE_OFFICE,
        code="5F-01",
        name_ko="사무실",
        name_en="Office",
        area_m2=40,
        actor=None,
    )
    starts_at, ends_at = slot(day, "10:00", "11:00")
    event = Event.objects.create(
        kind=EventKind.SEMINAR,
        title_ko="세미나",
        title_en="Seminar",
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=10,
        address="x",
    )
    with pytest.raises(ValidationFailed):
        holds.hold_room(
            space=office,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=HoldPurpose.EVENT,
            owner=event,
            title_ko="세미나",
        )
    space_services.set_space_status(space=room.space, status=SpaceStatus.MAINTENANCE, actor=None)
    with pytest.raises(BookingConflict):
        holds.hold_room(
            space=room.space,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=HoldPurpose.EVENT,
            owner=event,
            title_ko="세미나",
        )


def test_a_hold_longer_than_a_week_is_refused(room, staff, day):
    starts_at, _ = slot(day, "10:00", "11:00")
    with pytest.raises(ValidationFailed):
        _ = event_services.create_event(
            kind=EventKind.SEMINAR,
            title_ko="긴 행사",
            title_en="Long",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(days=8),
            capacity=10,
            space=room.space,
            actor=staff,
        )
    assert not Event.objects.exists()


def test_room_calendar_shows_the_event_to_staff_and_busy_to_members(room, staff, member, day):
    event = _event(staff, room, day)
    url = reverse("bookings:room", args=[room.pk]) + f"?date={day.isoformat()}"
    staff_page = signed_in(staff).get(url).content.decode()
    member_page = signed_in(member).get(url).content.decode()
    assert 'data-testid="room-use"' in staff_page
    assert event.get_absolute_url() in staff_page
    assert "데모데이" in staff_page
    assert 'data-testid="room-use"' not in member_page
    assert "데모데이" not in member_page
    assert 'data-testid="busy"' in member_page


def test_free_room_search_leaves_out_a_room_an_event_holds(room, make_room, staff, member, day):
    other = make_room("5F-M3")
    _event(staff, room, day)
    starts_at, ends_at = slot(day, "15:00", "16:00")
    from django.utils import timezone

    from aihub.bookings import availability

    free = availability.free_rooms(
        rooms=[room, other], starts_at=starts_at, ends_at=ends_at, now=timezone.now()
    )
    assert free == [other]


def test_an_expert_session_in_a_room_holds_it(room, member, company, day, owner, staff, make_user):
    from aihub.matching import services as matching_services
    from aihub.matching.enums import SessionMode
    from aihub.matching.tests.helpers import accepted_match, researcher

    _, _, match = accepted_match(
        company=company, owner=owner, staff=staff, expert_user=researcher(make_user)
    )
    starts_at = slot(day, "10:00", "11:00")[0]
    _book(room, member, company, day, start="10:00", end="11:00")
    with pytest.raises(BookingConflict) as refused:
        matching_services.book_session(
            match=match,
            starts_at=starts_at,
            minutes=60,
            mode=SessionMode.ROOM,
            room=room.space,
            actor=owner,
        )
    assert refused.value.errors["room"]


def _event_recorded_before_holds(room, day, title="데모데이") -> Event:
    """An event in the room written as it was before rooms had holds, then the data
    migration run over everything: the event's hold clashes with the earlier booking."""
    from importlib import import_module

    from django.apps import apps

    starts_at, ends_at = slot(day, "14:00", "17:00")
    event = Event.objects.create(
        kind=EventKind.DEMO_DAY,
        title_ko=title,
        title_en="Demo day",
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=40,
        space=room.space,
    )
    RoomHold.objects.all().delete()
    import_module("aihub.bookings.migrations.0006_hold_existing_uses").forward(apps, None)
    return event


def test_existing_uses_migrate_to_holds_and_overlaps_become_clashes(
    room, staff, member, company, day
):
    """The data migration: every booking, event in a room and session in a room gets a hold;
    the first recorded of two overlapping uses holds the room, the other clashes, and
    cancelled bookings hold nothing. Staff then see the clash on the approvals page."""
    booking = _book(room, member, company, day, start="15:00", end="16:00")
    cancelled = _book(room, member, company, day, start="10:00", end="11:00")
    services.cancel_booking(booking=cancelled, actor=member)
    event = _event_recorded_before_holds(room, day)
    assert holds.hold_for(booking).state == HoldState.HELD
    assert holds.hold_for(cancelled).state == HoldState.RELEASED
    assert holds.hold_for(event).state == HoldState.CLASHING
    page = signed_in(staff).get(reverse("bookings:approvals")).content.decode()
    assert 'data-testid="clash"' in page
    assert "데모데이" in page


def test_staff_hold_the_room_again_once_the_clash_is_gone(room, staff, member, company, day):
    booking = _book(room, member, company, day, start="15:00", end="16:00")
    event = _event_recorded_before_holds(room, day, title="세미나")
    clash = holds.hold_for(event)
    client = signed_in(staff)
    url = reverse("bookings:hold_again", args=[clash.pk])
    refused = client.post(url, follow=True)
    assert [str(m) for m in refused.context["messages"]]
    assert holds.hold_for(event).state == HoldState.CLASHING
    services.cancel_booking(booking=holds.hold_for(booking).owner, actor=member)
    client.post(url)
    assert holds.hold_for(event).state == HoldState.HELD
    assert signed_in(member).post(url).status_code == 403

"""Every existing use of a room becomes a hold, and the no-overlap rule moves to the holds.

Bookings, events held in a hub room and expert sessions in a room each get a hold with the
same times (bookings keep their blocked range; other uses get the room's buffer). Active
bookings, events and sessions hold their room; cancelled, rejected and released bookings
have a released hold. Uses that overlap one recorded earlier (the first by creation wins)
are kept as clashing: they block nothing until staff resolve them on the approvals page.

On PostgreSQL the exclusion constraint then moves from ``bookings_booking`` to
``bookings_roomhold``: no two held ranges of one room may overlap.
"""

import datetime
from collections import defaultdict

from django.db import migrations

OLD_CONSTRAINT = "bookings_room_no_overlap"
NEW_CONSTRAINT = "bookings_hold_no_overlap"
ACTIVE = ("pending", "confirmed", "checked_in")


def _buffer(space, bookable_by_space):
    minutes = bookable_by_space.get(space, 0)
    return datetime.timedelta(minutes=minutes)


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    RoomHold = apps.get_model("bookings", "RoomHold")
    Booking = apps.get_model("bookings", "Booking")
    BookableRoom = apps.get_model("bookings", "BookableRoom")
    Event = apps.get_model("events", "Event")
    Session = apps.get_model("matching", "Session")
    buffers = dict(BookableRoom.objects.values_list("space_id", "buffer_minutes"))

    def content_type(model):
        return ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )[0]

    candidates = []
    booking_type = content_type(Booking)
    for booking in Booking.objects.select_related("room").order_by("created_at", "pk").iterator():
        candidates.append(
            {
                "created_at": booking.created_at,
                "space_id": booking.room.space_id,
                "purpose": "booking",
                "title_ko": booking.title[:200],
                "title_en": booking.title[:200],
                "starts_at": booking.starts_at,
                "ends_at": booking.ends_at,
                "blocked_until": booking.blocked_until,
                "active": booking.status in ACTIVE,
                "owner_type": booking_type,
                "owner_id": booking.pk,
                "company_id": booking.company_id,
                "held_by_id": booking.booked_by_id,
            }
        )
    event_type = content_type(Event)
    for event in Event.objects.filter(space__isnull=False).order_by("created_at", "pk"):
        candidates.append(
            {
                "created_at": event.created_at,
                "space_id": event.space_id,
                "purpose": "event",
                "title_ko": (event.title_ko or event.title_en)[:200],
                "title_en": event.title_en[:200],
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "blocked_until": event.ends_at + _buffer(event.space_id, buffers),
                "active": True,
                "owner_type": event_type,
                "owner_id": event.pk,
                "company_id": None,
                "held_by_id": None,
            }
        )
    session_type = content_type(Session)
    for session in (
        Session.objects.filter(room__isnull=False)
        .select_related("match__demand", "match__expert")
        .order_by("created_at", "pk")
    ):
        title = session.match.demand.title
        candidates.append(
            {
                "created_at": session.created_at,
                "space_id": session.room_id,
                "purpose": "matching_session",
                "title_ko": title[:200],
                "title_en": title[:200],
                "starts_at": session.starts_at,
                "ends_at": session.ends_at,
                "blocked_until": session.ends_at + _buffer(session.room_id, buffers),
                "active": True,
                "owner_type": session_type,
                "owner_id": session.pk,
                "company_id": session.match.demand.company_id,
                "held_by_id": session.booked_by_id,
            }
        )
    held: dict[int, list[tuple]] = defaultdict(list)
    rows = []
    for item in sorted(candidates, key=lambda c: (c["created_at"], c["purpose"], c["owner_id"])):
        state = "released"
        if item["active"]:
            ranges = held[item["space_id"]]
            clash = any(
                start < item["blocked_until"] and end > item["starts_at"] for start, end in ranges
            )
            state = "clashing" if clash else "held"
            if not clash:
                ranges.append((item["starts_at"], item["blocked_until"]))
        rows.append(
            RoomHold(
                space_id=item["space_id"],
                purpose=item["purpose"],
                title_ko=item["title_ko"] or "—",
                title_en=item["title_en"],
                starts_at=item["starts_at"],
                ends_at=item["ends_at"],
                blocked_until=item["blocked_until"],
                state=state,
                owner_type=item["owner_type"],
                owner_id=item["owner_id"],
                company_id=item["company_id"],
                held_by_id=item["held_by_id"],
            )
        )
    RoomHold.objects.bulk_create(rows, batch_size=1000)


def backward(apps, schema_editor):
    apps.get_model("bookings", "RoomHold").objects.all().delete()


def move_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(f"ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS {OLD_CONSTRAINT}")
    schema_editor.execute(
        f"ALTER TABLE bookings_roomhold ADD CONSTRAINT {NEW_CONSTRAINT} EXCLUDE USING gist ("
        "space_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&"
        ") WHERE (state = 'held')"
    )


def restore_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE bookings_roomhold DROP CONSTRAINT IF EXISTS {NEW_CONSTRAINT}"
    )
    schema_editor.execute(
        f"ALTER TABLE bookings_booking ADD CONSTRAINT {OLD_CONSTRAINT} EXCLUDE USING gist ("
        "room_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&"
        ") WHERE (status IN ('pending', 'confirmed', 'checked_in'))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0005_room_holds"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0003_event_space_in_spaces_app"),
        ("matching", "0002_session_room_in_spaces_app"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
        migrations.RunPython(move_constraint, restore_constraint, elidable=False),
    ]

"""On PostgreSQL, no two active bookings of one room may overlap, buffers included.

Each booking's blocked range runs from ``starts_at`` to ``blocked_until`` (its end plus the
room's buffer), so two bookings of one room must be at least the buffer apart. The
constraint lives only in the database: SQLite has no exclusion constraints, and there the
booking service checks overlaps while SQLite's IMMEDIATE transactions serialise writers.
"""

from django.db import migrations

CONSTRAINT = "bookings_room_no_overlap"


def create_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE bookings_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist ("
        "room_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&"
        ") WHERE (status IN ('pending', 'confirmed', 'checked_in'))"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_rooms_bookings_charges")]

    operations = [migrations.RunPython(create_exclusion, drop_exclusion, elidable=False)]

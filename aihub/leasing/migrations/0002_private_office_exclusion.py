"""On PostgreSQL, no two leases of one private office may overlap in time.

The constraint lives only in the database: SQLite has no exclusion constraints, and there
the lease service checks overlaps while SQLite's IMMEDIATE transactions serialise writers.
Per-m² leases are the private-office leases; cancelled drafts hold no space.
"""

from django.db import migrations

CONSTRAINT = "leasing_private_office_no_overlap"


def create_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE leasing_lease ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist ("
        "space_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&"
        ") WHERE (basis = 'per_m2' AND status <> 'cancelled')"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE leasing_lease DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("leasing", "0001_spaces_leases_invoices")]

    operations = [migrations.RunPython(create_exclusion, drop_exclusion, elidable=False)]

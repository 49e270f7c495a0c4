"""``Space`` moved to the spaces app; its table stays: state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bookings', '0004_room_space_in_spaces_app'),
        ('events', '0003_event_space_in_spaces_app'),
        ('leasing', '0007_invoice_lines_from_other_apps'),
        ('matching', '0002_session_room_in_spaces_app'),
        ('spaces', '0002_space_from_leasing'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='lease',
                    name='space',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='leases', to='spaces.space', verbose_name='space'),
                ),
                migrations.DeleteModel(
                    name='Space',
                ),
            ],
            database_operations=[],
        ),
    ]

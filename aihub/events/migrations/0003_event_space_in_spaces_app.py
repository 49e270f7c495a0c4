"""An event's room is ``spaces.Space`` (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0002_demoday_startup_pitch_deck'),
        ('spaces', '0002_space_from_leasing'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='event',
                    name='space',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='spaces.space', verbose_name='room'),
                ),
            ],
            database_operations=[],
        ),
    ]

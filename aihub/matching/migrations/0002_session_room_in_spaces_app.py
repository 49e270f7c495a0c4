"""A session's room is ``spaces.Space`` (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0001_demands_experts_matches_sessions'),
        ('spaces', '0002_space_from_leasing'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='session',
                    name='room',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='matching_sessions', to='spaces.space', verbose_name='room'),
                ),
            ],
            database_operations=[],
        ),
    ]

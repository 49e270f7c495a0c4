"""A bookable room's space is ``spaces.Space`` (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bookings', '0003_charges_on_invoices'),
        ('spaces', '0002_space_from_leasing'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='bookableroom',
                    name='space',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='bookable', to='spaces.space', verbose_name='space'),
                ),
            ],
            database_operations=[],
        ),
    ]

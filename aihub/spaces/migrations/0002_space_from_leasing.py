"""``Space`` belongs to the spaces app; its table keeps the name ``leasing_space``, so only
Django's model state moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('leasing', '0007_invoice_lines_from_other_apps'),
        ('spaces', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Space',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('kind', models.CharField(choices=[('private_office', 'Private office'), ('open_office', 'Open-office area'), ('meeting_room', 'Meeting room'), ('education_room', 'Education room'), ('lounge', 'Lounge / co-working'), ('hall', 'Hall')], max_length=20, verbose_name='kind')),
                        ('code', models.CharField(help_text='For example 6F-01.', max_length=20, verbose_name='code')),
                        ('name_ko', models.CharField(max_length=100, verbose_name='name (Korean)')),
                        ('name_en', models.CharField(max_length=100, verbose_name='name (English)')),
                        ('area_m2', models.DecimalField(decimal_places=2, max_digits=8, verbose_name='area (m²)')),
                        ('desks', models.PositiveIntegerField(default=0, verbose_name='desks')),
                        ('seats', models.PositiveIntegerField(default=0, verbose_name='seats')),
                        ('status', models.CharField(choices=[('available', 'Available'), ('maintenance', 'Under maintenance'), ('reserved', 'Reserved')], default='available', max_length=12, verbose_name='status')),
                        ('facility', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='spaces', to='spaces.facility', verbose_name='facility')),
                        ('floor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='spaces', to='spaces.floor', verbose_name='floor')),
                    ],
                    options={
                        'verbose_name': 'space',
                        'verbose_name_plural': 'spaces',
                        'db_table': 'leasing_space',
                        'ordering': ['facility', 'floor__level', 'code'],
                        'indexes': [models.Index(fields=['kind', 'floor', 'status', 'area_m2', 'seats'], name='leasing_space_occupancy')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('area_m2__gt', 0)), name='leasing_space_area_positive'), models.CheckConstraint(condition=models.Q(('seats__gte', 0)), name='leasing_space_seats_not_negative'), models.CheckConstraint(condition=models.Q(('desks__gte', 0)), name='leasing_space_desks_not_negative'), models.UniqueConstraint(fields=('facility', 'code'), name='leasing_space_code_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

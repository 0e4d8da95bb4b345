# The coordination index moves here from tenants with its rows: the tables
# and their two unnamed indexes are renamed in the public schema, and the
# content types follow, so the "coordinate" permission and the coordinators
# who hold it survive. On a new database tenants' migrations create the
# tables first, so the same steps apply there.

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models

from tenants.model_moves import move_content_type, rename_index, rename_table


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('tenants', '0004_site_response_days'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                rename_table('tenants_calendarentry', 'coordination_calendarentry'),
                rename_table('tenants_calendarclash', 'coordination_calendarclash'),
                # The two indexes whose names Django derived from the old table.
                rename_index('tenants_cal_starts__6d9a57_idx', 'calendar_entry_period'),
                rename_index('tenants_cal_overlap_3ed45d_idx', 'calendar_clash_period'),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='CalendarEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('event_id', models.BigIntegerField()),
                        ('event_uid', models.UUIDField()),
                        ('slug', models.SlugField(max_length=120)),
                        ('titles', models.JSONField(default=dict)),
                        ('kind', models.CharField(max_length=20)),
                        ('status', models.CharField(max_length=10)),
                        ('starts_at', models.DateTimeField()),
                        ('ends_at', models.DateTimeField()),
                        ('time_zone', models.CharField(max_length=64)),
                        ('all_day', models.BooleanField(default=False)),
                        ('venues', models.JSONField(default=dict)),
                        ('organisers', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=200), default=list, size=None)),
                        ('speakers', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=200), default=list, size=None)),
                        ('clash_keys', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=320), default=list, size=None)),
                        ('url_path', models.CharField(max_length=300)),
                        ('sequence', models.PositiveIntegerField(default=0)),
                        ('updated_at', models.DateTimeField()),
                        ('site', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_entries', to='tenants.site')),
                    ],
                    options={
                        'verbose_name': 'calendar entry',
                        'verbose_name_plural': 'calendar entries',
                        'permissions': [('coordinate', 'Can use the coordination calendar')],
                        'indexes': [models.Index(fields=['starts_at', 'ends_at'], name='calendar_entry_period'), django.contrib.postgres.indexes.GinIndex(fields=['clash_keys'], name='calendar_entry_clash_keys')],
                        'constraints': [models.UniqueConstraint(fields=('site', 'event_id'), name='one_entry_per_site_event')],
                    },
                ),
                migrations.CreateModel(
                    name='CalendarClash',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(max_length=10)),
                        ('key', models.CharField(max_length=310)),
                        ('overlap_start', models.DateTimeField()),
                        ('overlap_end', models.DateTimeField()),
                        ('first_site_id', models.BigIntegerField()),
                        ('second_site_id', models.BigIntegerField()),
                        ('low_uid', models.UUIDField()),
                        ('high_uid', models.UUIDField()),
                        ('first', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coordination.calendarentry')),
                        ('second', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coordination.calendarentry')),
                    ],
                    options={
                        'indexes': [models.Index(fields=['overlap_start', 'overlap_end'], name='calendar_clash_period')],
                        'constraints': [models.UniqueConstraint(fields=('first', 'second', 'reason'), name='one_clash_per_pair_and_reason'), models.CheckConstraint(condition=models.Q(('first__lt', models.F('second'))), name='clash_pair_ordered')],
                    },
                ),
            ],
        ),
        move_content_type('calendarentry', 'tenants', 'coordination'),
        move_content_type('calendarclash', 'tenants', 'coordination'),
    ]

# SearchDocument moves here from cooperation with its rows: the table is
# renamed in every site schema (and the template schema), and its content
# type row follows it. On a new database cooperation's migrations create the
# table first, so the same steps apply there.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from tenants.model_moves import move_content_type, rename_table


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('cooperation', '0008_opportunity_withdrawn'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                rename_table('cooperation_searchdocument', 'search_searchdocument'),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='SearchDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('language', models.CharField(max_length=10)),
                        ('kind', models.CharField(max_length=30)),
                        ('title', models.TextField()),
                        ('title_language', models.CharField(max_length=10)),
                        ('body', models.TextField(blank=True)),
                        ('body_language', models.CharField(max_length=10)),
                        ('url_name', models.CharField(max_length=60)),
                        ('url_kwargs', models.JSONField(default=dict)),
                        ('is_public', models.BooleanField(default=True)),
                        ('visible_from', models.DateTimeField(blank=True, null=True)),
                        ('visible_until', models.DateField(blank=True, null=True)),
                        ('title_vector', django.contrib.postgres.search.SearchVectorField()),
                        ('vector', django.contrib.postgres.search.SearchVectorField()),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'search document',
                        'verbose_name_plural': 'search documents',
                        'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['vector'], name='search_document_vector'), django.contrib.postgres.indexes.GinIndex(fields=['title_vector'], name='search_document_title_vector'), models.Index(models.F('language'), models.OrderBy(models.F('visible_from'), descending=True, nulls_last=True), models.OrderBy(models.F('id'), descending=True), name='search_document_recent')],
                        'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'language'), name='one_search_document_per_language')],
                    },
                ),
            ],
        ),
        move_content_type('searchdocument', 'cooperation', 'search'),
    ]

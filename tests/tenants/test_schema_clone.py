import pytest
from django.conf import settings
from django.db import connection

from tenants.services.schema_clone import clone_schema, unsupported_objects

COLUMNS = """
    SELECT table_name, column_name, data_type, is_nullable, is_identity, column_default
    FROM information_schema.columns WHERE table_schema = %s
"""
CONSTRAINTS = """
    SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    WHERE c.relnamespace = %s::regnamespace
"""
INDEXES = "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %s"


def structure(schema: str) -> dict[str, set]:
    result = {}
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL search_path = public")
        for label, query in (
            ("columns", COLUMNS),
            ("constraints", CONSTRAINTS),
            ("indexes", INDEXES),
        ):
            cursor.execute(query, [schema])
            result[label] = {
                tuple(str(value).replace(f"{schema}.", "") for value in row)
                for row in cursor.fetchall()
            }
    return result


@pytest.mark.django_db
def test_clone_has_the_template_tables_columns_constraints_and_index_names():
    clone_schema(settings.TEMPLATE_SCHEMA, "site_clone_check")

    template, clone = structure(settings.TEMPLATE_SCHEMA), structure("site_clone_check")
    assert template["columns"] and template["constraints"] and template["indexes"]
    assert clone == template


@pytest.mark.django_db
def test_clone_copies_rows_and_continues_their_ids():
    from django.contrib.contenttypes.models import ContentType
    from django_tenants.utils import schema_context

    clone_schema(settings.TEMPLATE_SCHEMA, "site_clone_rows")
    with schema_context(settings.TEMPLATE_SCHEMA):
        template_types = set(ContentType.objects.values_list("id", "app_label", "model"))
    with schema_context("site_clone_rows"):
        assert set(ContentType.objects.values_list("id", "app_label", "model")) == template_types
        created = ContentType.objects.create(app_label="check", model="newone")
    assert created.id > max(row[0] for row in template_types)


@pytest.mark.django_db
def test_template_has_nothing_the_clone_cannot_copy():
    assert unsupported_objects(settings.TEMPLATE_SCHEMA) == []

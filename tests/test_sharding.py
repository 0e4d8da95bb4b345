"""What must hold for each site's schema to become a distributed schema of a
Citus cluster (schema-based sharding), and the hub's tables reference tables
(deploy/SCALING.md): checked on the test database, with its demo sites, and
on the code's raw SQL.

- No foreign key crosses schemas: a site's tables point only at tables of
  the same site (a distributed schema lives whole on one node), and nothing
  in the public schema points into a site.
- Raw SQL that reads or writes more than one schema in a statement is in a
  short list of operator paths; page code reaches one site's schema (or the
  public one) at a time.
"""

import ast
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("languages", "tenants", "web", "translations", "search", "coordination",
            "cooperation", "events", "portal")  # fmt: skip

# Site tables may point at these public tables (replicated to every node as
# reference tables). None today: a site table that needs the site reads it
# from the request, and TopicOwner keeps an address rather than a key for that
# reason.
REFERENCE_TABLES: set[str] = set()

#: Modules with raw SQL, and why that SQL is safe for distributed schemas.
RAW_SQL = {
    "coordination/index.py": "public tables only (the hub's index)",
    "search/newest.py": "one site's search documents (or the hub's public index), one schema per statement",
    "search/query.py": "one site's search documents counted per kind, unqualified names, from its search path",
    "search/vocabulary.py": "one site's product vocabulary, unqualified names; copies go through schema_context",
    "translations/services/translation_status.py": "one site's tables, from its search path",
    "translations/services/translation_gaps.py": "one site's tables, from its search path",
    "translations/services/tasks.py": "one site's tasks and content types, from its search path",
    "translations/prepared.py": "SQL the ORM compiled for one site's tables, names unqualified: from its search path",
    "tenants/server_prepared.py": "PREPARE of what translations/prepared.py compiled: re-analysed per search path",
    "portal/database.py": "CREATE/DROP DATABASE, before any schema",
    "tenants/services/site_clone.py": "sequence reset in one schema (rows go through the ORM)",
    "tenants/services/inventory.py": "operator: catalog sizes, then one schema per statement",
    "tenants/services/provisioning.py": "an advisory lock per site code, where the sites table is",
    "web/health.py": "operator: migration rows of public and the template (coordinator)",
    "web/warm.py": "SET LOCAL timeouts before a worker reads the sites table (public)",
    "tenants/services/schema_migrations.py": "SET CONSTRAINTS in the migrating schema's transaction",
    # Cross-schema by design: operator commands, run on the coordinator.
    "tenants/services/schema_clone.py": "copies the template schema into a new one",
    "tenants/services/site_backup.py": "renames and drops a site's schema on restore",
}

CROSS_SCHEMA_FOREIGN_KEYS = """
    SELECT src_ns.nspname, src.relname, con.conname, dst_ns.nspname, dst.relname
    FROM pg_constraint con
    JOIN pg_class src ON src.oid = con.conrelid
    JOIN pg_namespace src_ns ON src_ns.oid = src.relnamespace
    JOIN pg_class dst ON dst.oid = con.confrelid
    JOIN pg_namespace dst_ns ON dst_ns.oid = dst.relnamespace
    WHERE con.contype = 'f' AND src_ns.oid <> dst_ns.oid
    ORDER BY 1, 2, 3
"""


def site_schemas() -> list[str]:
    from tenants.models import Site

    return list(Site.objects.values_list("schema_name", flat=True))


@pytest.mark.django_db
def test_no_foreign_key_crosses_schemas_except_to_reference_tables():
    schemas = site_schemas()
    assert len(schemas) >= 3  # the template and the two demo sites
    with connection.cursor() as cursor:
        cursor.execute(CROSS_SCHEMA_FOREIGN_KEYS)
        crossing = cursor.fetchall()
    allowed = [
        row
        for row in crossing
        if row[0] in schemas and row[3] == "public" and row[4] in REFERENCE_TABLES
    ]
    assert [row for row in crossing if row not in allowed] == []


@pytest.mark.django_db
def test_every_site_schema_has_foreign_keys_within_itself():
    """The positive side: the sites do have their keys, each inside its schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname, count(*) FROM pg_constraint con "
            "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE con.contype = 'f' GROUP BY 1"
        )
        counts = dict(cursor.fetchall())
    assert {schema: counts.get(schema, 0) > 10 for schema in site_schemas()} == {
        schema: True for schema in site_schemas()
    }


def raw_sql_modules() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in {"execute", "executemany", "copy_expert", "raw", "extra"}
                ) or (isinstance(node, ast.Name) and node.id == "RawSQL"):
                    found.add(path.relative_to(ROOT).as_posix())
                    break
    return found


def test_raw_sql_lives_in_the_reviewed_modules_only():
    """A new module with raw SQL must say here why a sharded cluster can run it."""
    found = raw_sql_modules()
    assert found - RAW_SQL.keys() == set(), "raw SQL in a module not reviewed for sharding"
    assert RAW_SQL.keys() - found == set(), "stale entries"

"""Copy the template schema into a new site schema.

django-tenants ships a general-purpose PL/pgSQL ``clone_schema``; measured
here it slowed from 0.16 s to ~1 s per site as the number of schemas grew
to 40, because its catalog queries look across every schema. This copy reads
the catalog of the template schema only, so its cost stays flat:

1. tables with ``CREATE TABLE … (LIKE …)``: columns, defaults, NOT NULL, storage and
   identity columns; then the rows (migration history, content types,
   permissions) and each identity sequence moved past the copied ids;
2. constraints, indexes and triggers re-created from ``pg_get_constraintdef``,
   ``pg_get_indexdef`` and ``pg_get_triggerdef``, read with the template alone
   on the search path (and the schema stripped where those functions add it)
   so table names resolve in the new schema. Names are kept, so later migrations that drop or rename
   a constraint or index by name work on every site.

Views, functions and free-standing sequences are not copied: tenant
migrations must not create them (``unsupported_objects`` lets a test check
that), or this module must learn them first.
"""

import re

from django.db import connection, transaction
from psycopg2 import sql

from tenants import generations

TABLES = """
    SELECT relname FROM pg_class
    WHERE relnamespace = %s::regnamespace AND relkind IN ('r', 'p')
    ORDER BY relname
"""
# Primary keys and unique constraints before the foreign keys that need them.
CONSTRAINTS = """
    SELECT c.relname, con.conname, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    WHERE c.relnamespace = %s::regnamespace AND con.contype IN ('p', 'u', 'x', 'c', 'f')
    ORDER BY con.contype = 'f', c.relname, con.conname
"""
INDEXES = """
    SELECT pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE c.relnamespace = %s::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
"""
TRIGGERS = """
    SELECT pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = %s::regnamespace AND NOT t.tgisinternal
"""
IDENTITY_COLUMNS = """
    SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = %s::regnamespace AND a.attidentity <> '' AND NOT a.attisdropped
"""
UNSUPPORTED_OBJECTS = """
    SELECT 'view ' || relname FROM pg_class
    WHERE relnamespace = %(schema)s::regnamespace AND relkind IN ('v', 'm')
    UNION ALL
    SELECT 'sequence ' || s.relname FROM pg_class s
    WHERE s.relnamespace = %(schema)s::regnamespace AND s.relkind = 'S'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = s.oid AND d.deptype IN ('a', 'i'))
    UNION ALL
    SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = %(schema)s::regnamespace
"""


def clone_schema(source: str, target: str) -> None:
    """Create schema ``target`` as a copy of ``source``, inside the caller's transaction."""
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(target)))
        cursor.execute(TABLES, [source])
        for (table,) in cursor.fetchall():
            new, old = sql.Identifier(target, table), sql.Identifier(source, table)
            cursor.execute(
                # STORAGE and COMPRESSION too: a column's storage is a choice
                # (search/migrations/0009_vector_inline) that LIKE drops otherwise.
                sql.SQL(
                    "CREATE TABLE {} (LIKE {} INCLUDING DEFAULTS INCLUDING IDENTITY"
                    " INCLUDING STORAGE INCLUDING COMPRESSION)"
                ).format(new, old)
            )
            cursor.execute(
                sql.SQL("INSERT INTO {} OVERRIDING SYSTEM VALUE SELECT * FROM {}").format(new, old)
            )
        _advance_identities(cursor, source, target)
        statements = _definitions_relative_to(cursor, source)
        cursor.execute(sql.SQL("SET LOCAL search_path = {}").format(sql.Identifier(target)))
        for statement in statements:
            cursor.execute(statement)
        cursor.execute("SET LOCAL search_path = public")
    # django-tenants sets the search path lazily per cursor; make it issue it again.
    connection.search_path_set_schemas = None
    # The copies above are statements the write watcher does not see: a
    # schema of this name dropped before may have left what workers keep
    # under its numbers (its vocabulary, another site's). Moved at commit.
    transaction.on_commit(lambda: generations.bump(target))


def unsupported_objects(schema: str) -> list[str]:
    """Objects in ``schema`` that :func:`clone_schema` would not copy."""
    with connection.cursor() as cursor:
        cursor.execute(UNSUPPORTED_OBJECTS, {"schema": schema})
        return [row[0] for row in cursor.fetchall()]


def _definitions_relative_to(cursor, source: str) -> list[str]:
    """Constraints, indexes and triggers of ``source``, its table names unqualified."""
    cursor.execute(sql.SQL("SET LOCAL search_path = {}").format(sql.Identifier(source)))
    cursor.execute(CONSTRAINTS, [source])
    statements = [
        sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ").format(
            sql.Identifier(table), sql.Identifier(name)
        )
        + sql.SQL(definition)
        for table, name, definition in cursor.fetchall()
    ]
    # Index and trigger definitions always name their table with its schema.
    on_source = re.compile(rf" ON (ONLY )?{re.escape(source)}\.")
    for query in (INDEXES, TRIGGERS):
        cursor.execute(query, [source])
        statements += [
            sql.SQL(on_source.sub(r" ON \1", row[0], count=1)) for row in cursor.fetchall()
        ]
    return statements


def _advance_identities(cursor, source: str, target: str) -> None:
    cursor.execute(IDENTITY_COLUMNS, [source])
    for table, column in cursor.fetchall():
        cursor.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({}), 0) + 1, false) FROM {}"
            ).format(sql.Identifier(column), sql.Identifier(target, table)),
            [f'"{target}"."{table}"', column],
        )

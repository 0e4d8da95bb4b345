"""Keeping the hub's index in step with every site's search documents.

Each function that writes runs inside a site's schema, where the site's
``search_searchdocument`` and the public ``hub_hubentry`` are both visible:
entries are copied from the documents in one ``INSERT … SELECT`` (vectors
included), in the transaction that wrote the documents, so the index is never
ahead of or behind what the site shows.
"""

from collections.abc import Sequence

from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_context
from psycopg2 import sql

from hub.models import KINDS, HubEntry
from search.models import SearchDocument
from search.registry import DocumentKey
from tenants.hub import HUB_LANGUAGES
from tenants.models import Site

COPIED = (
    "kind", "object_id", "language", "title", "title_language", "body_language", "url_name",
    "url_kwargs", "products", "country", "languages", "dated_at", "ends_at", "public_since",
    "visible_from", "visible_until", "vector", "time_zone", "copy_of", "shared_with",
)  # fmt: skip
#: Enough text around a match for the hub's search extracts.
BODY_CHARS = 2000


def serves(site: Site, language: str) -> list[str]:
    """The hub languages whose visitors read ``site`` in ``language``."""
    extra = [code for code in HUB_LANGUAGES if code not in site.languages]
    return [language, *extra] if language == site.default_language else [language]


def _tables() -> tuple[sql.Composable, sql.Composable]:
    return (
        sql.Identifier(get_public_schema_name(), HubEntry._meta.db_table),
        sql.Identifier(connection.schema_name, SearchDocument._meta.db_table),
    )


def copy_statement(
    *,
    site_id: int,
    languages: list[str],
    documents: sql.Composable,
    where: sql.Composable,
    params: list,
    columns: Sequence[str] = COPIED,
) -> tuple[sql.Composable, list]:
    """SQL copying the public documents of ``documents`` (a site's table)
    matching ``where`` into the index, with its parameters (``columns``: those
    of COPIED both tables have, for a migration that runs before the others)."""
    extra = [code for code in HUB_LANGUAGES if code not in languages]
    statement = sql.SQL(
        "INSERT INTO {entries} (site_id, serves, body, {columns})"
        " SELECT %s, CASE WHEN d.language = %s THEN ARRAY[d.language]::varchar[] || %s::varchar[]"
        " ELSE ARRAY[d.language]::varchar[] END, left(d.body, %s), {selected}"
        " FROM {documents} d WHERE d.is_public AND d.kind = ANY(%s) AND {where}"
    ).format(
        entries=sql.Identifier(get_public_schema_name(), HubEntry._meta.db_table),
        documents=documents,
        columns=sql.SQL(", ").join(map(sql.Identifier, columns)),
        selected=sql.SQL(", ").join(sql.Identifier("d", name) for name in columns),
        where=where,
    )
    return statement, [site_id, languages[0], extra, BODY_CHARS, list(KINDS), *params]


def _execute(cursor, statement: sql.Composable, params: list) -> None:
    # As text: the page cache's write watcher (tenants.generations) reads the
    # statement to see that the public schema changed, so the hub's stored
    # pages are dropped when a site's content changes.
    cursor.execute(statement.as_string(cursor.cursor), params)


def _copy(site: Site, where: sql.Composable, params: list) -> int:
    """Copy the current site's public documents matching ``where`` into the index."""
    _entries, documents = _tables()
    statement, all_params = copy_statement(
        site_id=site.pk,
        languages=list(site.languages),
        documents=documents,
        where=where,
        params=params,
    )
    with connection.cursor() as cursor:
        _execute(cursor, statement, all_params)
        return cursor.rowcount


def write_entries(site: Site, keys: list[DocumentKey]) -> None:
    """Bring the entries of ``keys`` in line with their documents (the
    ``search.registry`` listener): two statements, whatever their number."""
    keys = [(kind, pk) for kind, pk in keys if kind in KINDS]
    if not keys:
        return
    entries, _documents = _tables()
    kinds, ids = [kind for kind, _pk in keys], [pk for _kind, pk in keys]
    chosen = sql.SQL("(kind, object_id) IN (SELECT * FROM unnest(%s::varchar[], %s::bigint[]))")
    with connection.cursor() as cursor:
        _execute(
            cursor,
            sql.SQL("DELETE FROM {entries} WHERE site_id = %s AND {chosen}").format(
                entries=entries, chosen=chosen
            ),
            [site.pk, kinds, ids],
        )
    _copy(
        site,
        sql.SQL("(d.kind, d.object_id) IN (SELECT * FROM unnest(%s::varchar[], %s::bigint[]))"),
        [kinds, ids],
    )


def rebuild_site(site: Site) -> int:
    """Re-create every entry of ``site`` from its documents; returns how many."""
    with schema_context(site.schema_name):
        HubEntry.objects.filter(site=site).delete()
        return _copy(site, sql.SQL("TRUE"), [])


def rebuild_all() -> dict[str, int]:
    """Every site's entries again (``rebuild_hub_index``)."""
    return {site.code: rebuild_site(site) for site in Site.objects.real()}


def site_saved(sender, instance: Site, raw: bool = False, **kwargs) -> None:
    """A site's languages decide which hub visitors read which of its rows."""
    if raw or not instance.pk or not instance.languages:
        return
    extra = [code for code in HUB_LANGUAGES if code not in instance.languages]
    entries = sql.Identifier(get_public_schema_name(), HubEntry._meta.db_table)
    with connection.cursor() as cursor:
        _execute(
            cursor,
            sql.SQL(
                "UPDATE {entries} SET serves = CASE WHEN language = %s"
                " THEN ARRAY[language]::varchar[] || %s::varchar[] ELSE ARRAY[language]::varchar[] END"
                " WHERE site_id = %s"
            ).format(entries=entries),
            [instance.default_language, extra, instance.pk],
        )


def export_site(site: Site) -> list[dict]:
    """Nothing to carry in a backup: the entries are derived from the schema."""
    return []


def restore_site(site: Site, rows: list[dict]) -> int:
    return rebuild_site(site)

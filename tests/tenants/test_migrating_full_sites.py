"""migrate_schemas on sites full of data.

``migrate_schemas`` runs a schema's whole run in one transaction
(tenants.services.schema_migrations). Django's own executor commits after
each migration, and the commit is when PostgreSQL fires the deferred
foreign-key checks that a data migration queued; in one transaction they
stay pending, and a later migration's ``CREATE INDEX`` or ``ALTER TABLE`` on
the same table fails with "cannot … because it has pending trigger events".
Empty schemas (the tests' own, a new site's) never showed it: only a site
with rows in the tables a data migration updates does.

Each case builds a site schema at the migrations before a data migration,
puts a row in every table it updates, and migrates it forward as an operator
would. The rows are the test's own (written in this transaction), as the rows
an earlier data migration of the same run has rewritten are: their foreign-key
checks are queued again by any update.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

SCHEMA = "site_full_of_rows"


def _build_before(migration: tuple[str, str]):
    """A new site schema migrated up to (not including) ``migration`` and
    everything that depends on it; returns the apps of that state."""
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{SCHEMA}"')
    connection.set_schema(SCHEMA, include_public=False)
    MigrationRecorder(connection).ensure_schema()  # its own table, not the public one
    connection.set_schema(SCHEMA)
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    after = {key for key in graph.nodes if migration in graph.forwards_plan(key)}
    targets = []
    for app in {app for app, _ in graph.nodes}:
        kept = [key for key in graph.nodes if key[0] == app and key not in after]
        # The last one in the app's own chain that is kept (or none: "zero").
        kept.sort(key=lambda key: len(graph.forwards_plan(key)))
        targets.append(kept[-1] if kept else (app, None))
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def _migrate_forward() -> None:
    connection.set_schema_to_public()
    call_command("migrate_schemas", schema_name=SCHEMA, interactive=False, verbosity=0)


def _site_rows(old) -> None:
    """An event, an article, a listing, an enterprise and an answered
    question, each with its search document: a row in every site table a
    data migration writes (the search vocabulary is written by one)."""
    ContentType = old.get_model("contenttypes", "ContentType")
    now = timezone.now()
    made = [
        old.get_model("events", "Event").objects.create(
            slug="fair",
            title="Fair",
            starts_at=now,
            ends_at=now + datetime.timedelta(hours=8),
            time_zone="Asia/Ho_Chi_Minh",
        ),
    ]
    made += [
        old.get_model("cooperation", "Article").objects.create(
            slug="rice", title="Rice", published_at=now
        ),
        old.get_model("cooperation", "Enterprise").objects.create(
            slug="rice-co", name="Rice Co", country="VN"
        ),
    ]
    made.append(
        old.get_model("cooperation", "Opportunity").objects.create(
            kind="buy",
            title="Rice wanted",
            description="Rice.",
            sector="1",
            country="VN",
            valid_until=now.date(),
            enterprise=made[-1],
            company="Rice Co",
            contact_name="Lan",
            contact_email="lan@example.org",
            language="vi",
        )
    )
    made.append(
        old.get_model("cooperation", "Question").objects.create(
            name="Lan",
            email="lan@example.org",
            language="vi",
            topic="trade",
            question="Rice?",
            answer="Yes.",
            answered_at=now,
        )
    )
    Document = old.get_model("search", "SearchDocument")
    for row in made:
        content_type, _ = ContentType.objects.get_or_create(
            app_label=row._meta.app_label, model=row._meta.model_name
        )
        Document.objects.create(
            content_type=content_type,
            object_id=row.pk,
            language="en",
            kind=row._meta.model_name,
            title="Rice",
            title_language="en",
            body="gạo",
            body_language="en",
            url_name="x",
            url_kwargs={},
            title_vector="",
            vector="",
            is_public=True,
            visible_from=now,
        )


def _as_committed() -> None:
    """The checks the rows' own inserts queued, run as their commit would."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED")


@pytest.mark.django_db
def test_a_site_with_events_and_search_documents_migrates_forward():
    # A site as it was before documents had an end: search 0006 and 0007 add
    # columns, events 0004 and 0005 fill them, search 0008 builds new indexes
    # on the same table, all in the same transaction.
    old = _build_before(("search", "0006_searchdocument_ends_at"))
    _site_rows(old)
    _as_committed()

    _migrate_forward()

    connection.set_schema(SCHEMA)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.ends_at = e.ends_at, d.time_zone FROM search_searchdocument d"
            " JOIN events_event e ON e.id = d.object_id WHERE d.kind = 'event'"
        )
        assert cursor.fetchall() == [(True, "Asia/Ho_Chi_Minh")]  # the data migrations ran
        cursor.execute("SELECT to_regclass('search_document_shelf_vector') IS NOT NULL")
        assert cursor.fetchone() == (True,)  # and so did the index after them


@pytest.mark.django_db
def test_a_site_full_of_rows_migrates_from_its_first_data_migration_to_the_last():
    # Before the first data migration of the site apps: every one that
    # follows (search, events, cooperation) and every schema change after
    # them runs on rows, in one transaction.
    old = _build_before(("search", "0003_seed_vocabulary"))
    _site_rows(old)
    _as_committed()

    _migrate_forward()

    connection.set_schema(SCHEMA)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []  # all applied
    with connection.cursor() as cursor:
        cursor.execute("SELECT kind, dated_at IS NOT NULL FROM search_searchdocument ORDER BY kind")
        assert cursor.fetchall() == [
            ("article", True),
            ("enterprise", True),
            ("event", True),
            ("opportunity", True),
            ("question", True),
        ]


@pytest.mark.django_db
def test_every_deferrable_constraint_is_deferred_by_default(site_vn):
    # check_deferred_constraints puts them ALL back to DEFERRED: right only
    # while none is DEFERRABLE INITIALLY IMMEDIATE.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname, c.conname FROM pg_constraint c"
            " JOIN pg_namespace n ON n.oid = c.connamespace"
            " WHERE c.condeferrable AND NOT c.condeferred AND n.nspname IN (%s, %s)",
            ["public", site_vn.schema_name],
        )
        assert cursor.fetchall() == []


@pytest.mark.django_db
def test_the_public_schema_migrates_its_hub_and_coordination_with_rows(site_vn):
    # The hub's index filled from the sites' documents (hub 0002) and the
    # coordinators' clash cases made from clashes (coordination 0002), then
    # columns and indexes added to both tables, all in the public schema's
    # one transaction. The demo sites' documents and events are the rows.
    connection.set_schema_to_public()
    executor = MigrationExecutor(connection)
    executor.migrate([("hub", "0001_initial"), ("coordination", "0001_initial")])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM hub_hubentry")
    _as_committed()

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM hub_hubentry h JOIN tenants_site s ON s.id = h.site_id"
        )
        assert cursor.fetchone()[0] > 0  # filled again from the sites' documents

"""A database as the code before the search and coordination apps left it,
migrated forward: prints, as JSON, what was written and what is found after.

    DATABASE_URL=postgresql://… python -m tests.migration_scenario

Run by tests/test_migrations.py in a subprocess, against a scratch database
created afresh on the server of DATABASE_URL and dropped at the end.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scratch import drop_scratch_database, use_scratch_database  # noqa: E402

# Per pytest-xdist worker (inherited from the test that runs this): two
# workers must never create and drop the same scratch database.
SCRATCH = "migration_scenario" + os.environ.get("PYTEST_XDIST_WORKER", "")
SCHEMA = "site_cn_xx"
#: The last migrations before the moves; the apps created by them are left out.
BEFORE = {
    "tenants": "0004_site_response_days",
    "cooperation": "0008_opportunity_withdrawn",
    "events": "0001_initial",
    "coordination": None,
    "search": None,
    "hub": None,
}


def migrate_to_before(schema: str):
    """Migrate ``schema`` to the old state, with the content types and
    permissions the old code's ``post_migrate`` made; returns the old apps."""
    from django.apps import apps as current_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    connection.set_schema(schema, include_public=schema == "public")
    executor = MigrationExecutor(connection)
    targets = [(app, BEFORE.get(app, name)) for app, name in executor.loader.graph.leaf_nodes()]
    executor.migrate(targets)
    executor.loader.build_graph()
    old_apps = executor.loader.project_state([t for t in targets if t[1]]).apps
    for config in current_apps.get_app_configs():
        if config.label in {app.label for app in old_apps.get_app_configs()}:
            create_contenttypes(config, verbosity=0, apps=old_apps)
            create_permissions(config, verbosity=0, apps=old_apps)
    return old_apps


def fill_public(old) -> dict:
    import datetime
    import uuid

    Site = old.get_model("tenants", "Site")
    site = Site.objects.create(
        schema_name=SCHEMA, code="cn-xx", country_a="CN", country_b="XX", name="Old site",
        languages=["zh-hans", "en"], status="active",
    )  # fmt: skip
    old.get_model("tenants", "Domain").objects.create(
        domain="cn-xx.localhost", tenant=site, is_primary=True
    )
    Entry = old.get_model("tenants", "CalendarEntry")
    start = datetime.datetime(2030, 5, 1, 9, tzinfo=datetime.UTC)
    entries = []
    for number in (1, 2):
        entry = Entry.objects.create(
            site=site, event_id=number, event_uid=uuid.uuid4(), slug=f"fair-{number}",
            titles={"en": f"Fair {number}"}, kind="trade_fair", status="scheduled",
            starts_at=start, ends_at=start + datetime.timedelta(hours=8),
            time_zone="Asia/Shanghai", venues={"en": "Hall 1"}, organisers=["Ministry"],
            speakers=[], clash_keys=["venue:hall 1"], url_path=f"/en/events/fair-{number}/",
            updated_at=start,
        )  # fmt: skip
        entries.append(entry)
    old.get_model("tenants", "CalendarClash").objects.create(
        first=entries[0], second=entries[1], reason="venue", key="hall 1",
        overlap_start=start, overlap_end=start + datetime.timedelta(hours=8),
        first_site_id=site.pk, second_site_id=site.pk,
        low_uid=min(e.event_uid for e in entries), high_uid=max(e.event_uid for e in entries),
    )  # fmt: skip
    Permission = old.get_model("auth", "Permission")
    coordinate = Permission.objects.get(codename="coordinate", content_type__app_label="tenants")
    user = old.get_model("auth", "User").objects.create(username="coordinator@example.org")
    user.user_permissions.add(coordinate)
    return {
        "entries": sorted(Entry.objects.values_list("id", "slug")),
        "clashes": list(old.get_model("tenants", "CalendarClash").objects.values_list("id", "key")),
        "coordinate_permission": coordinate.pk,
        "entry_content_type": coordinate.content_type_id,
    }


def fill_site(old) -> dict:
    from django.db import connection

    ContentType = old.get_model("contenttypes", "ContentType")
    article = ContentType.objects.get(app_label="cooperation", model="article")
    Document = old.get_model("cooperation", "SearchDocument")
    for number, language in enumerate(["zh-hans", "en"], start=1):
        Document.objects.create(
            content_type=article, object_id=number, language=language, kind="article",
            title=f"Title {number}", title_language=language, body="gạo", body_language=language,
            url_name="article_detail", url_kwargs={"slug": f"a-{number}"},
            title_vector="", vector="",
        )  # fmt: skip
    with connection.cursor() as cursor:  # as the old index wrote them
        cursor.execute("UPDATE cooperation_searchdocument SET vector = to_tsvector('simple', body)")
    view = old.get_model("auth", "Permission").objects.get(
        codename="view_searchdocument", content_type__app_label="cooperation"
    )
    # Named in one language for all, before organisations were translated.
    old.get_model("events", "Speaker").objects.create(name="Lan", organisation="越南工贸部")
    auditors = old.get_model("auth", "Group").objects.create(name="Auditors")
    auditors.permissions.add(view)
    return {
        "documents": sorted(Document.objects.values_list("id", "title")),
        "view_permission": view.pk,
        "document_content_type": view.content_type_id,
    }


def found_after() -> dict:
    import datetime

    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django_tenants.utils import schema_context

    from coordination.index import refresh_clashes
    from coordination.models import CalendarClash, CalendarEntry
    from events.models import Speaker
    from search.models import SearchDocument
    from tenants.models import Site

    def table_exists(name: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
            return cursor.fetchone()[0]

    connection.set_schema_to_public()
    user = User.objects.get(username="coordinator@example.org")
    site = Site.objects.get(code="cn-xx")
    entries = sorted(CalendarEntry.objects.values_list("id", "slug"))
    clashes = list(CalendarClash.objects.values_list("id", "key"))
    first = CalendarEntry.objects.order_by("pk").first()
    refresh_clashes(first)  # the clash SQL names the new tables
    added = CalendarEntry.objects.create(
        site=site, event_id=99, event_uid=first.event_uid, slug="after", titles={},
        kind="forum", status="scheduled", starts_at=first.starts_at, ends_at=first.ends_at,
        time_zone="UTC", url_path="/", updated_at=datetime.datetime.now(datetime.UTC),
    )  # fmt: skip
    public = {
        "entries": entries,
        "clashes": clashes,
        "clashes_found_again": list(CalendarClash.objects.values_list("key", flat=True)),
        "coordinator_may_coordinate": user.has_perm("coordination.coordinate"),
        "coordinate_permission": Permission.objects.get(
            codename="coordinate", content_type__app_label="coordination"
        ).pk,
        "entry_content_type": ContentType.objects.get_for_model(CalendarEntry).pk,
        "new_entry_after_old_ids": added.pk > max(pk for pk, _slug in entries),
        "old_tables_left": [
            name
            for name in ("public.tenants_calendarentry", "public.tenants_calendarclash")
            if table_exists(name)
        ],
    }
    with schema_context(SCHEMA):
        view = Permission.objects.get(
            codename="view_searchdocument", content_type__app_label="search"
        )
        site_schema = {
            "documents": sorted(SearchDocument.objects.values_list("id", "title")),
            "matches": SearchDocument.objects.filter(vector="gạo").count(),
            "view_permission": view.pk,
            "auditors_hold_it": Group.objects.filter(name="Auditors", permissions=view).exists(),
            "document_content_type": ContentType.objects.get_for_model(SearchDocument).pk,
            "old_table_left": table_exists(f"{SCHEMA}.cooperation_searchdocument"),
            "speakers": list(
                Speaker.objects.values_list("name", "organisation_zh_hans", "organisation_en")
            ),
        }
    return {"public": public, "site": site_schema}


def main() -> None:
    use_scratch_database(SCRATCH)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        old_public = migrate_to_before("public")
        before = {"public": fill_public(old_public)}
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{SCHEMA}"')
        before["site"] = fill_site(migrate_to_before(SCHEMA))
        connection.set_schema_to_public()
        # What an operator runs after upgrading: every schema, migrated forward.
        call_command("migrate_schemas", interactive=False, verbosity=0)
        print(json.dumps({"before": before, "after": found_after()}))
    finally:
        connection.close()
        drop_scratch_database(SCRATCH)


if __name__ == "__main__":
    main()

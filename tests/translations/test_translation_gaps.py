"""translations.services.translation_gaps: the status page reads the items
needing work, kept in step on write, and its numbers are those a count over
every row of every content table gives."""

import threading
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from psycopg2 import sql

from cooperation.models import Article
from tests.factories.accounts import make_staff
from tests.factories.articles import make_article
from translations.models import TranslationGap, TranslationGapsBuilt
from translations.services import translation_gaps
from translations.services.translation_status import (
    MISSING,
    OUTDATED,
    _conditions,
    backlog,
    languages_of_model,
    record_new_translations,
    site_status,
    translatable_models,
    translated_fields,
)


def _counted_over_every_row(site) -> dict:
    """What the page showed before: per model and language, (total, missing,
    outdated) counted over every row of the model's table, and the ids of
    the items needing work."""
    found = {}
    for model in translatable_models():
        table = sql.Identifier(model._meta.db_table)
        pk = sql.Identifier(model._meta.pk.column)
        for language in languages_of_model(model, site):
            missing, outdated = _conditions(model, translated_fields(model), site, language)
            with connection.cursor() as cursor:
                cursor.execute(
                    sql.SQL(
                        "SELECT COUNT(*), COUNT(*) FILTER (WHERE {m}),"
                        " COUNT(*) FILTER (WHERE NOT {m} AND {o}),"
                        " COALESCE(array_agg(t.{pk} ORDER BY t.{pk}) FILTER (WHERE {m} OR {o}), '{{}}')"
                        " FROM {table} t"
                    ).format(m=missing, o=outdated, pk=pk, table=table)
                )
                total, missed, stale, ids = cursor.fetchone()
            found[model._meta.label, language] = (total, missed, stale, sorted(ids))
    return found


def _read_from_gaps(site) -> dict:
    found = {}
    for status in site_status(site):
        for language in status.languages:
            counts = status.counts[language]
            ids = sorted(item.instance.pk for item in status.items if language in item.states)
            found[status.model._meta.label, language] = (
                status.total,
                counts[MISSING],
                counts[OUTDATED],
                ids,
            )
    return found


@pytest.mark.django_db
def test_the_numbers_follow_every_kind_of_write(site_vn, in_site):
    with in_site(site_vn):
        assert _read_from_gaps(site_vn) == _counted_over_every_row(site_vn)  # the demo's
        missing = make_article(slug="gap-missing", texts={"zh-hans": "海关新规"})
        outdated = make_article(slug="gap-outdated", texts={"zh-hans": "展会", "vi": "Hội chợ"})
        outdated.title_zh_hans = "展会延期"
        outdated.save()
        done = make_article(slug="gap-done", texts={"zh-hans": "大米"})
        done.title_vi, done.title_en = "Gạo", "Rice"
        done.save()
        gone = make_article(slug="gap-gone", texts={"zh-hans": "咖啡"})
        gone.delete()
        bulk = Article.objects.bulk_create(
            [
                Article(slug=f"gap-bulk-{n}", title_zh_hans=f"批量 {n}", title_vi="")
                for n in range(3)
            ]
        )
        record_new_translations(bulk, site=site_vn)
        after = _read_from_gaps(site_vn)
        expected = _counted_over_every_row(site_vn)

    assert after == expected
    vi = after["cooperation.Article", "vi"]
    assert missing.pk in vi[3] and outdated.pk in vi[3] and done.pk not in vi[3]
    assert gone.pk not in vi[3] and {a.pk for a in bulk} <= set(vi[3])


@pytest.mark.django_db
def test_the_rows_are_rebuilt_when_never_built_or_built_for_another_site_shape(
    site_vn, in_site, monkeypatch
):
    """A database filled in bulk, a site restored from an older portal, or a
    language added: the next reader rebuilds the rows, and the numbers are
    the same as a count over every row."""
    with in_site(site_vn):
        make_article(slug="gap-rebuilt", texts={"zh-hans": "港口"})
        TranslationGap.objects.all().delete()
        TranslationGapsBuilt.objects.all().delete()
        rebuilt = _read_from_gaps(site_vn)
        expected = _counted_over_every_row(site_vn)
        TranslationGap.objects.all().delete()  # stale rows, and what they mean changes
        monkeypatch.setattr(translation_gaps, "VERSION", translation_gaps.VERSION + 1)
        again = _read_from_gaps(site_vn)

    assert rebuilt == expected and again == expected
    assert any(missed for _total, missed, _stale, _ids in expected.values())


@pytest.mark.django_db
def test_the_dashboards_backlog_is_read_from_the_rows(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="gap-backlog", texts={"zh-hans": "物流"})
        counted = _counted_over_every_row(site_vn)
        waiting = backlog(site_vn)

    for language, counts in waiting.items():
        assert counts[MISSING] == sum(
            missed for (_label, lang), (_t, missed, _s, _i) in counted.items() if lang == language
        )
        assert counts[OUTDATED] == sum(
            stale for (_label, lang), (_t, _m, stale, _i) in counted.items() if lang == language
        )


@pytest.mark.django_db
def test_the_status_page_reads_no_content_table_beyond_counting_it(client, site_vn, in_site):
    """275 ms at 100,000 articles: every translated column of every row was
    compared in each language (42 statements). Now the content tables are
    only counted (an index-only scan); the gaps say what needs work."""
    with in_site(site_vn):
        client.force_login(make_staff("editor"))
        make_article(slug="gap-page", texts={"zh-hans": "投资"})
    host = {"HTTP_HOST": "cn-vn.localhost"}
    client.get("/en/editor/translations/", **host)
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/en/editor/translations/", **host)

    statements = [q["sql"] for q in captured]
    assert page.status_code == 200 and "投资" in page.content.decode()
    assert not any("COALESCE(" in s for s in statements)  # no column compared row by row
    assert len(statements) <= 30


def _waiting_on_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return bool(row) and row[0] == "Lock"


def test_two_editors_saving_one_item_at_once_both_keep_their_rows(
    django_db_setup, django_db_blocker
):
    """Two saves of one item in parallel both delete its rows and insert them
    anew; the second insert met the first's rows (committed after its delete
    had looked) and failed on the one-row-per-language constraint."""
    from django.db import connections, transaction
    from django_tenants.utils import schema_context

    from tenants.models import Site

    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            article = make_article(slug="gap-race", texts={"zh-hans": "两人同时保存"})
    first_holds, second_pid, failures = threading.Event(), [], []

    def save(holds: bool) -> None:
        try:
            with schema_context(site.schema_name), transaction.atomic():
                if not holds:
                    second_pid.append(connection.connection.info.backend_pid)
                translation_gaps.refresh_gaps([article], site=site)
                if holds:
                    first_holds.set()
                    deadline = time.monotonic() + 20
                    # Commit only once the other save waits for this one.
                    while not (second_pid and _waiting_on_a_lock(second_pid[0])):
                        assert time.monotonic() < deadline, "the second save never waited"
                        time.sleep(0.02)
        except Exception as error:  # reported by the assertions below
            failures.append(error)
        finally:
            connections.close_all()

    with django_db_blocker.unblock():
        try:
            first = threading.Thread(target=save, args=(True,))
            first.start()
            assert first_holds.wait(20)
            second = threading.Thread(target=save, args=(False,))
            second.start()
            first.join(30)
            second.join(30)
            with schema_context(site.schema_name):
                rows = TranslationGap.objects.filter(object_id=article.pk).count()
                counted = _read_from_gaps(site) == _counted_over_every_row(site)
        finally:
            with schema_context(site.schema_name):
                article.delete()
            connections.close_all()

    assert failures == []
    assert rows == len(site.languages) - 1  # every language but the one it is written in
    assert counted


@pytest.mark.django_db
def test_a_site_in_one_language_records_items_written_in_their_own_language(
    site_vn, in_site, monkeypatch
):
    """A pair launched in English only (as the replica and sites scenarios
    launch theirs): the source-language CASE has no other language to name,
    and saving an article or an event still writes its rows, the same as a
    count over every row."""
    from tests.factories.events import make_event

    monkeypatch.setattr(site_vn, "languages", ["en"])
    with in_site(site_vn):
        make_article(slug="gap-one-language", texts={"en": "Port"})
        make_event(slug="gap-one-language", titles={"en": "Border fair"})

        assert _read_from_gaps(site_vn) == _counted_over_every_row(site_vn)

"""Deleting a translatable item (article, event, listing, page) takes its
translation bookkeeping with it: its open tasks (and readers' requests),
its gap rows and its translation records, whatever the way it is deleted
(the admin's delete page or bulk action, ``QuerySet.delete``, a site's
whole content at once). The dashboard's "translation tasks waiting" then
counts what the task list shows. Tasks and records left behind by deletes
from before (or by raw SQL) go with ``translation_status --rebuild``, and
with the rebuild every site makes once on its next read.

China–Vietnam writes in Chinese (zh-hans) and translates into vi and en.
"""

import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from cooperation.models import Article, Opportunity, SitePage
from events.models import Event
from tests.factories.accounts import make_staff
from tests.factories.articles import make_article
from tests.factories.events import make_event
from translations.models import (
    TranslationGap,
    TranslationRequest,
    TranslationSource,
    TranslationTask,
)
from translations.services import tasks
from translations.services.translation_gaps import ensure_gaps

VN = {"HTTP_HOST": "cn-vn.localhost"}


def article():
    made = make_article(slug=f"deleted-{Article.objects.count()}", texts={"zh-hans": "海关新规"})
    made.title_vi = "Quy định hải quan"  # a record to forget too
    made.save()
    return made


def event():
    return make_event(
        slug=f"coffee-week-{Event.objects.count()}", titles={"zh-hans": "河内咖啡周"},
        venue={"zh-hans": "河内国际会展中心"}, summary_zh_hans="越南咖啡企业展示会。",
    )  # fmt: skip


def listing():
    return Opportunity.objects.create(
        kind="supply", title_vi="Cà phê Robusta", description_vi="Hàng mới", sector="A",
        country="VN", valid_until="2031-12-31", company="Cà phê Tây Nguyên", contact_name="Lan",
        contact_email="lan@example.com", language="vi", status=Opportunity.Status.APPROVED,
    )  # fmt: skip


def page():
    taken = set(SitePage.objects.values_list("kind", flat=True))
    return SitePage.objects.create(
        kind=next(kind for kind in SitePage.Kind if kind not in taken),
        title_zh_hans="关于本站",
        body_zh_hans="<p>两国共同运营。</p>",
    )


KINDS = {"article": article, "event": event, "listing": listing, "page": page}


def bookkeeping(instance) -> dict[str, int]:
    where = {
        "content_type": ContentType.objects.get_for_model(instance),
        "object_id": instance.pk,
    }
    return {
        "open tasks": TranslationTask.objects.filter(**where, closed_at__isnull=True).count(),
        "gaps": TranslationGap.objects.filter(**where).count(),
        "records": TranslationSource.objects.filter(**where).count(),
    }


def made(kind: str, site):
    """An item of ``kind`` waiting for translations, one reader asking for it."""
    instance = KINDS[kind]()
    ensure_gaps(site)
    task = tasks.open_tasks(instance).first()
    tasks.ask(instance, task.language, requester="reader-1", site=site)
    assert bookkeeping(instance)["open tasks"] > 0 and bookkeeping(instance)["gaps"] > 0
    return instance


def nothing_left(instance) -> bool:
    return bookkeeping(instance) == {"open tasks": 0, "gaps": 0, "records": 0}


def dashboard_and_list(client) -> tuple[int, int]:
    """The dashboard's "translation tasks waiting" and the rows of the task list."""
    dashboard = client.get("/vi/editor/", **VN).content.decode()
    count = re.search(
        r'work-item__count">([0-9.,]+)</span> <span class="work-item__label">Nhiệm vụ dịch đang chờ',
        dashboard,
    )
    rows = client.get("/vi/editor/translations/tasks/", **VN).content.decode().count('class="task"')
    return int(count[1].replace(".", "").replace(",", "")), rows


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_queryset_delete_takes_tasks_gaps_and_records(site_vn, in_site, kind):
    with in_site(site_vn):
        instance = made(kind, site_vn)
        kept = made(kind, site_vn)
        type(instance).objects.filter(pk=instance.pk).delete()
        assert nothing_left(instance)
        assert not TranslationRequest.objects.filter(task__object_id=instance.pk).exists()
        assert bookkeeping(kept)["open tasks"] > 0  # the other item's are untouched


@pytest.mark.django_db
def test_admin_delete_and_bulk_delete_bring_the_dashboard_down(
    client, site_vn, in_site, admin_client_for
):
    with in_site(site_vn):
        one, two, three = (made("article", site_vn) for _ in range(3))
        gone_event = made("event", site_vn)
    admin_client_for(site_vn)
    # One language each article lacks (written in Chinese, titled in Vietnamese), two the event.
    assert dashboard_and_list(client) == (5, 5)

    deleted = client.post(f"/admin/cooperation/article/{one.pk}/delete/", {"post": "yes"}, **VN)
    assert deleted.status_code == 302
    assert dashboard_and_list(client) == (4, 4)

    bulk = client.post(
        "/admin/cooperation/article/",
        {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
        **VN,
    )
    assert bulk.status_code == 302
    client.post(f"/admin/events/event/{gone_event.pk}/delete/", {"post": "yes"}, **VN)
    assert dashboard_and_list(client) == (0, 0)
    with in_site(site_vn):
        assert all(nothing_left(item) for item in (one, two, three, gone_event))


@pytest.mark.django_db
def test_deleting_a_sites_whole_content_leaves_no_task(client, site_vn, in_site):
    with in_site(site_vn):
        for kind in KINDS:
            made(kind, site_vn)
        content = (Article, Event, Opportunity, SitePage)
        for model in content:
            model.objects.all().delete()
        types = ContentType.objects.get_for_models(*content).values()
        assert not TranslationTask.objects.exists()
        assert not TranslationGap.objects.filter(content_type__in=types).exists()
        assert not TranslationSource.objects.filter(content_type__in=types).exists()
        client.force_login(make_staff("translator"))
    assert dashboard_and_list(client) == (0, 0)


@pytest.mark.django_db
def test_orphans_of_earlier_deletes_go_with_the_rebuild(client, site_vn, in_site):
    """Deleted around the models (raw SQL, or before deletes took their tasks
    along): the dashboard counted 10 where the list showed 2."""
    with in_site(site_vn):
        gone, kept = made("article", site_vn), made("article", site_vn)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Article._meta.db_table} WHERE id = %s", [gone.pk])
        client.force_login(make_staff("translator"))
    # The walk's state: the count holds a task the list cannot show.
    assert dashboard_and_list(client) == (2, 1)

    call_command("translation_status", "--site", "cn-vn", "--rebuild", stdout=io.StringIO())

    with in_site(site_vn):
        assert nothing_left(gone)
        assert bookkeeping(kept)["open tasks"] == 1 and bookkeeping(kept)["records"] == 1
    assert dashboard_and_list(client) == (1, 1)


@pytest.mark.django_db
def test_every_site_drops_its_orphans_once_on_its_next_read(client, site_vn, in_site):
    with in_site(site_vn):
        gone = made("article", site_vn)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Article._meta.db_table} WHERE id = %s", [gone.pk])
        # As a site last rebuilt by an earlier portal.
        from translations.models import TranslationGapsBuilt

        TranslationGapsBuilt.objects.update(signature="built-by-an-earlier-version")
        client.force_login(make_staff("translator"))
    client.get("/vi/editor/", **VN)
    with in_site(site_vn):
        assert nothing_left(gone)

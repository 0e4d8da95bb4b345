"""A site with a row in every table of its schema and files in its folder,
and a picture of all of it to compare after a backup's round trip."""

import hashlib

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Q
from django_tenants.utils import schema_context
from psycopg2 import sql

from tenants.models import Domain, Site
from tenants.services import site_files
from tests.factories.files import pdf, png

TABLES = "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r' ORDER BY relname"


def fill(site: Site) -> None:
    """One of everything, files included, on top of the demo content."""
    import datetime

    from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cooperation.models import (
        Attachment,
        Category,
        MatchRequest,
        Opportunity,
        Question,
        SitePage,
        Tag,
        TopicOwner,
    )
    from events.models import AgendaSession, DeclinedCohosting, Registration, Speaker
    from tests.factories.accounts import make_enterprise, make_member
    from tests.factories.articles import make_article
    from tests.factories.events import make_event
    from translations.models import TranslationSource

    with schema_context(site.schema_name):
        category = Category.objects.create(slug="customs-news", name="Customs", name_vi="Hải quan")
        tag = Tag.objects.create(slug="durian", name="Durian", name_zh_hans="榴莲")
        article = make_article(
            texts={
                "en": "Fresh fruit corridor",
                "vi": "Hành lang trái cây tươi",
                "zh-hans": "鲜果通道",
            },
            category=category,
        )
        article.tags.add(tag)
        article.image.save("cover.png", png("cover.png"), save=True)
        attachment = Attachment(article=article, title="Annual report")
        attachment.file.save("report.pdf", pdf(), save=True)
        member = make_member(
            make_enterprise(names={"en": "Mekong Fruit", "vi": "Trái cây Mê Kông"})
        )
        enterprise = member.enterprise
        enterprise.logo.save("logo.png", png("logo.png", (20, 20)), save=True)
        other = make_enterprise(names={"en": "Yunnan Trading", "zh-hans": "云南贸易"})
        member.user.groups.add(Group.objects.get(name="Enterprise members"))
        opportunity = Opportunity.objects.create(
            kind="supply", title="Dragon fruit, 20 t a month", description="Grade A",
            sector="A", country="VN", enterprise=enterprise, status="approved",
            valid_until=timezone.now().date() + datetime.timedelta(days=30),
        )  # fmt: skip
        MatchRequest.objects.create(
            sender=other, recipient=enterprise, opportunity=opportunity, kind="interest",
            message="Interested — 有兴趣",
        )  # fmt: skip
        Question.objects.create(
            name="Nguyễn Văn An", email="an@example.vn", language="vi", topic="customs",
            question="Thủ tục hải quan cho trái cây tươi? — 鲜果通关手续",
        )  # fmt: skip
        TopicOwner.objects.create(topic="customs", email="customs@example.org")
        SitePage.objects.create(
            kind="about",
            title_en="About us",
            body_en="<p>Run by the ministries — 由两国部门运营</p>",
        )
        event = make_event(titles={"en": "Border trade fair", "vi": "Hội chợ biên mậu"})
        Registration.objects.create(
            event=event,
            name="Lê Thị Hoa",
            email="hoa@example.vn",
            language="vi",
            status="confirmed",
        )
        _clash_cases(event)
        speaker = Speaker.objects.create(name="Dr. Trần")
        event.speakers.add(speaker)
        agenda = AgendaSession.objects.create(
            event=event, starts_at=event.starts_at, ends_at=event.ends_at, title="Opening"
        )
        agenda.speakers.add(speaker)
        DeclinedCohosting.objects.create(
            uid="00000000-0000-4000-8000-000000000001", origin_code="cn-id", title="Declined fair"
        )
        attempt = AccessAttempt.objects.create(
            username="locked@example.vn", ip_address="203.0.113.7", user_agent="x",
            http_accept="*/*", path_info="/vi/account/login/", get_data="", post_data="",
            failures_since_start=3,
        )  # fmt: skip
        AccessAttemptExpiration.objects.create(access_attempt=attempt, expires_at=timezone.now())
        AccessLog.objects.create(username="an@example.vn", ip_address="203.0.113.8", user_agent="x")
        AccessFailureLog.objects.create(
            username="locked@example.vn", ip_address="203.0.113.7", user_agent="x", locked_out=True
        )
        user = get_user_model().objects.filter(is_superuser=True).first()
        user.user_permissions.add(*Group.objects.get(name="Editors").permissions.all()[:1])
        LogEntry.objects.create(user=user, object_repr="backup check", action_flag=ADDITION)
        session = SessionStore()
        session["checked"] = True
        session.create()
        from alerts.models import Bulletin, BulletinItem, Delivery, Subscription

        follower = Subscription.objects.create(
            email="follower@example.vn", language="vi", query="sầu riêng", status="active"
        )
        Delivery.objects.create(
            subscription=follower, period="daily:2030-01-02", status="sent", item_count=1,
            items=[{"title": "Hành lang trái cây tươi", "url": "/vi/news/"}],
        )  # fmt: skip
        today = timezone.localdate()
        bulletin = Bulletin.objects.create(
            week="2030-W01", starts_on=today, ends_on=today, introduction="Tuần này",
            send_after=timezone.now(),
        )  # fmt: skip
        BulletinItem.objects.create(bulletin=bulletin, kind="article", object_id=article.pk)
        from translations.models import StaffLanguage, TranslationRequest, TranslationTask

        StaffLanguage.objects.update_or_create(
            user=user, defaults={"language": "vi", "updated_at": timezone.now()}
        )
        task = TranslationTask.objects.filter(closed_at__isnull=True).first()
        if task is None:
            from django.contrib.contenttypes.models import ContentType

            task = TranslationTask.objects.create(
                content_type=ContentType.objects.get_for_model(type(article)),
                object_id=article.pk, language="en", source_language="vi",
                reason="readers", created_at=timezone.now(),
            )  # fmt: skip
        TranslationRequest.objects.create(task=task, requester="0" * 40, created_at=timezone.now())
        if not TranslationSource.objects.exists():
            from django.contrib.contenttypes.models import ContentType

            TranslationSource.objects.create(
                content_type=ContentType.objects.get_for_model(Category),
                object_id=category.pk, field="name", language="vi",
                source_digest="0" * 32, translation_digest="1" * 32,
            )  # fmt: skip
        # The items needing work, as the status page builds them (the demo
        # leaves some untranslated: the category above has no Chinese).
        from translations.services.translation_gaps import rebuild_gaps

        rebuild_gaps(site)


def _clash_cases(event) -> None:
    """Two clashes between the site's own events, as coordinators worked on
    them (public schema): one acknowledged with a note and an editor's
    comment, one closed by marking an event part of the other."""
    from coordination import clashes
    from coordination.models import ClashCase
    from tests.factories.events import make_event

    def pair(organiser: str, title: str):
        first = make_event(starts=event.starts_at, titles={"en": title}, organisers=[organiser])
        second = make_event(
            starts=event.starts_at, titles={"en": f"{title} (2)"}, organisers=[organiser]
        )
        low, high = sorted([first.uid, second.uid])
        return ClashCase.objects.get(low_uid=low, high_uid=high), first

    talked, _first = pair("Backup Check Office", "Logistics forum")
    clashes.act(talked, "acknowledge", note="Both organisers called.", author_name="Coordinator",
                author_email="coord@hub.example")  # fmt: skip
    clashes.act(talked, "comment", note="Hội trường đã đặt.", author_name="Biên tập",
                author_email="editor@cn-kh.example", author_site="cn-kh")  # fmt: skip
    joined, pavilion = pair("Pavilion Office", "Cambodia pavilion")
    clashes.make_part(joined, pavilion.uid, note="Pavilion of the fair", author_name="Coordinator")


def clash_cases(site: Site) -> dict:
    """The clash cases, notes and programme links that involve the site's events."""
    from coordination.models import CalendarEntry, ClashCase, ClashNote, ProgrammeLink

    uids = list(CalendarEntry.objects.filter(site=site).values_list("event_uid", flat=True))
    cases = ClashCase.objects.filter(Q(low_uid__in=uids) | Q(high_uid__in=uids))
    return {
        "cases": sorted(
            tuple(str(v) for k, v in case.items() if k != "id") for case in cases.values()
        ),
        "notes": sorted(
            tuple(str(value) for value in note)
            for note in ClashNote.objects.filter(case__in=cases).values_list(
                "case__low_uid",
                "case__high_uid",
                "action",
                "note",
                "author_name",
                "author_email",
                "author_site",
                "created_at",
            )
        ),
        "links": sorted(
            tuple(str(v) for k, v in link.items() if k != "id")
            for link in ProgrammeLink.objects.filter(
                Q(part_uid__in=uids) | Q(whole_uid__in=uids)
            ).values()
        ),
    }


def rows(schema: str) -> dict[str, list[tuple]]:
    """Every row of every table of ``schema``, in a stable order."""
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(TABLES, [schema])
        for (table,) in cursor.fetchall():
            cursor.execute(
                sql.SQL("SELECT * FROM {} ORDER BY 1").format(sql.Identifier(schema, table))
            )
            result[table] = [tuple(str(value) for value in row) for row in cursor.fetchall()]
    return result


def stored_files(site: Site) -> dict[str, str]:
    """Name → SHA-256 of every stored file of the site."""
    found = {}
    for name in site_files.files(site):
        with default_storage.open(name, "rb") as stream:
            found[name] = hashlib.sha256(stream.read()).hexdigest()
    return found


def public_rows(code: str) -> dict:
    from coordination.models import CalendarEntry

    site = Site.objects.get(code=code)
    values = Site.objects.filter(pk=site.pk).values().get()
    values.pop("updated_at")
    return {
        "site": values,
        "domains": sorted(Domain.objects.filter(tenant=site).values_list("domain", "is_primary")),
        "entries": sorted(
            tuple(str(v) for k, v in entry.items() if k not in {"id", "updated_at"})
            for entry in CalendarEntry.objects.filter(site=site).values()
        ),
        "clashes": clash_cases(site),
    }


def picture(code: str) -> dict:
    site = Site.objects.get(code=code)
    return {
        "public": public_rows(code),
        "rows": rows(site.schema_name),
        "files": stored_files(site),
    }


def drop(code: str) -> None:
    """What losing a site means: its rows, its schema and its files gone."""
    site = Site.objects.get(code=code)
    for name in site_files.files(site):
        default_storage.delete(name)
    from coordination.models import CalendarEntry, ClashCase, ProgrammeLink

    # The clash cases of its events go too (as in a database restored from
    # before they were made): only the site's backup brings them back.
    uids = list(CalendarEntry.objects.filter(site=site).values_list("event_uid", flat=True))
    ClashCase.objects.filter(Q(low_uid__in=uids) | Q(high_uid__in=uids)).delete()
    ProgrammeLink.objects.filter(Q(part_uid__in=uids) | Q(whole_uid__in=uids)).delete()
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(site.schema_name)))
    site.delete()

"""The weekly bulletin: assembled from the week, introduced and reordered by
an editor, sent to each subscriber in their language, archived with a feed."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django_tenants.utils import schema_context

from alerts.models import Bulletin, Subscription
from alerts.services.subscriptions import Wish, subscribe
from tests.alerts.helpers import run_jobs_at
from tests.factories.accounts import make_member, make_staff
from tests.factories.articles import make_article
from tests.factories.opportunities import make_listing

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def mondays(site) -> tuple[datetime.datetime, datetime.datetime]:
    """Midday on a Wednesday of last week, and the next Monday at 00:05 (site time)."""
    zone = zoneinfo.ZoneInfo(site.time_zone)
    today = datetime.datetime.now(zone).date()
    monday = today - datetime.timedelta(days=today.weekday())
    wednesday = datetime.datetime.combine(
        monday + datetime.timedelta(days=2), datetime.time(12), zone
    )
    next_monday = datetime.datetime.combine(
        monday + datetime.timedelta(days=7), datetime.time(0, 5), zone
    )
    return wednesday, next_monday


def bulletin_subscriber(site, email: str, language: str) -> Subscription:
    member = make_member(email=email, language=language)
    subscription, _outcome = subscribe(
        site, email=email, wish=Wish(topic="bulletin"), language=language, frequency="weekly",
        user=member.user,
    )  # fmt: skip
    return subscription


@pytest.mark.django_db
def test_the_bulletin_is_introduced_reordered_sent_per_language_and_archived(client, site_vn):
    wednesday, monday = mondays(site_vn)
    with time_machine.travel(wednesday, tick=False), schema_context(site_vn.schema_name):
        first = make_article(
            texts={"vi": "Hội chợ trái cây Bằng Tường", "zh-hans": "凭祥水果交易会"}
        )
        second = make_listing(
            texts={"en": ("Dragon fruit supply, 40 t", "Binh Thuan.")}, kind="supply"
        )
        bulletin_subscriber(site_vn, "vi-reader@example.vn", "vi")
        bulletin_subscriber(site_vn, "zh-reader@example.cn", "zh-hans")
        editor = make_staff("editor")

    # Monday morning: the job assembles the bulletin; nothing goes out yet.
    run_jobs_at(monday, site_vn)
    assert mail.outbox == []
    with schema_context(site_vn.schema_name):
        # This week's (the demo's own bulletin of an earlier week was sent already).
        bulletin = Bulletin.objects.get(status=Bulletin.Status.DRAFT)
        items = {(i.kind, i.object_id): i for i in bulletin.items.all()}
    assert ("article", first.pk) in items and ("opportunity", second.pk) in items

    # An editor writes an introduction and puts the listing first.
    with schema_context(site_vn.schema_name):
        client.force_login(editor)
    with time_machine.travel(monday + datetime.timedelta(hours=1), tick=False):
        page = client.get(f"/vi/editor/bulletins/{bulletin.week}/", **HOST)
        assert page.status_code == 200
        data = {
            "action": "save",
            "introduction_vi": "Tuần này: trái cây.",
            "introduction_zh-hans": "",
        }
        for item in items.values():
            data[f"position_{item.pk}"] = 1 if item.kind == "opportunity" else 2
            data[f"included_{item.pk}"] = "on"
        saved = client.post(f"/vi/editor/bulletins/{bulletin.week}/", data, **HOST)
        assert saved.status_code == 302, saved.content.decode()[:2000]

    # It goes out at its hour, once.
    send_at = monday + datetime.timedelta(
        hours=settings.DIGEST_HOUR + settings.BULLETIN_DELAY_HOURS
    )
    run_jobs_at(send_at, site_vn)
    run_jobs_at(send_at + datetime.timedelta(hours=1), site_vn)

    sent = {message.to[0]: message for message in mail.outbox}
    assert sorted(sent) == ["vi-reader@example.vn", "zh-reader@example.cn"]
    vi, zh = sent["vi-reader@example.vn"], sent["zh-reader@example.cn"]
    assert "Tuần này: trái cây." in vi.body
    assert vi.body.index("Dragon fruit supply") < vi.body.index("Hội chợ trái cây Bằng Tường")
    assert "凭祥水果交易会" in zh.body and "Hội chợ" not in zh.body
    assert "Tuần này: trái cây." in zh.body  # no Chinese introduction: the Vietnamese one
    assert vi.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Archived on the site, with its feed.
    client.logout()
    archive = client.get(f"/vi/bulletins/{bulletin.week}/", **HOST).content.decode()
    assert "Tuần này: trái cây." in archive and "Dragon fruit supply" in archive
    assert bulletin.week in client.get("/vi/bulletins/", **HOST).content.decode()
    feed = client.get("/zh-hans/bulletins/feed.atom", **HOST)
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "凭祥水果交易会" in feed.content.decode()


@pytest.mark.django_db
def test_who_opens_the_bulletin_page_and_a_sent_bulletin_no_longer_changes(client, site_vn):
    _wednesday, monday = mondays(site_vn)
    with schema_context(site_vn.schema_name):
        translator = make_staff("translator")
        member = make_member().user
        editor = make_staff("editor")
        sent = Bulletin.objects.create(
            week="2000-W01",
            starts_on=datetime.date(2000, 1, 3),
            ends_on=datetime.date(2000, 1, 9),
            send_after=monday,
            status=Bulletin.Status.SENT,
            introduction_vi="Đã gửi.",
        )
    # Translators translate the introduction; enterprise members have no business here.
    for user, expected in ((translator, 200), (member, 403)):
        with schema_context(site_vn.schema_name):
            client.force_login(user)
        assert client.get("/vi/editor/bulletins/", **HOST).status_code == expected
    client.logout()
    response = client.get("/vi/editor/bulletins/", **HOST)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    # Sending is the editors' (a translator's "send" is refused).
    with schema_context(site_vn.schema_name):
        client.force_login(editor)
    changed = client.post(
        f"/vi/editor/bulletins/{sent.week}/", {"action": "save", "introduction_vi": "Khác."}, **HOST
    )
    assert changed.status_code == 302
    sent.refresh_from_db()
    assert sent.introduction_vi == "Đã gửi."
    # Archive addresses that are not weeks, or weeks without a bulletin, are 404.
    assert client.get("/vi/bulletins/2000-W01/", **HOST).status_code == 404  # sent empty
    assert client.get("/vi/bulletins/not-a-week/", **HOST).status_code == 404
    assert client.get("/vi/bulletins/2099-W01/", **HOST).status_code == 404

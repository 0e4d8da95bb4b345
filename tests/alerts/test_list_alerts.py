"""A list's "get e-mail alerts" link follows exactly what the list (and its
feed) shows: its type, product, country, and the filters that are topics
(listing type, sector, news category and tag, event type)."""

import re
from html import unescape

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from alerts.models import Subscription
from tests.alerts.helpers import next_digest_moment, run_jobs_at
from tests.alerts.test_digests import confirm_from_mail, subscribe
from tests.factories.opportunities import make_listing

ID = "cn-id.localhost"


def alert_link(html: str) -> str:
    found = re.search(r'<p class="follow-link"><a href="([^"]+)"', html)
    assert found, "no alert link on the page"
    return unescape(found.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("list_query", "wanted"),
    [
        ("?product=0801", "type=opportunity&product=0801"),
        ("?country=CN", "type=opportunity&country=CN"),
        (
            "?type=demand&product=0901&country=CN",
            "type=opportunity&product=0901&country=CN&within_listing_type=demand",
        ),
        ("?type=supply&sector=A", "type=opportunity&within_listing_type=supply&within_sector=A"),
    ],
)
def test_the_listings_alert_link_keeps_the_lists_filters(client, site_id, list_query, wanted):
    html = client.get(f"/id/opportunities/{list_query}", HTTP_HOST=ID).content.decode()
    assert alert_link(html) == f"/id/alerts/?{wanted}"


@pytest.mark.django_db
def test_an_alert_from_a_filtered_list_sends_only_what_the_list_shows(client, site_id):
    html = client.get("/id/opportunities/?type=demand&product=0901&country=CN", HTTP_HOST=ID)
    link = alert_link(html.content.decode())
    form = client.get(link, HTTP_HOST=ID).content.decode()
    # The form comes filled in with every filter of the list.
    assert re.search(r'name="topic" value="search"[^>]* checked', form)
    assert re.search(r'<option value="opportunity" selected', form)
    assert re.search(r'name="country"[^>]*>.*?<option value="CN" selected', form, re.S)
    assert re.search(r'name="product"[^>]*value="0901', form)
    assert re.search(
        r'name="within_listing_type"[^>]*>.*?<option value="demand" selected', form, re.S
    )

    subscribe(
        client, site_id, "id", "buyer@example.id",
        type="opportunity", product="0901", country="CN", within_listing_type="demand",
    )  # fmt: skip
    confirm_from_mail(client, mail.outbox[0])
    with schema_context(site_id.schema_name):
        subscription = Subscription.objects.get(email="buyer@example.id")
        assert subscription.status == Subscription.Status.ACTIVE
        assert (subscription.kind, subscription.product, subscription.country) == (
            "opportunity", "0901", "CN",
        )  # fmt: skip
        assert subscription.value == "listing_type=demand"
        make_listing(texts={"en": ("Robusta wanted", "Grade 1.")}, codes=["0901"])
        make_listing(texts={"en": ("Robusta on offer", "Grade 1.")}, codes=["0901"], kind="supply")
        make_listing(texts={"en": ("Coffee wanted in Jakarta", "x")}, codes=["0901"], country="ID")
        make_listing(texts={"en": ("Cashew wanted", "W320.")}, codes=["0801"])
    mail.outbox.clear()

    run_jobs_at(next_digest_moment(site_id), site_id)

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Robusta wanted" in body
    for other in ("Robusta on offer", "Coffee wanted in Jakarta", "Cashew wanted"):
        assert other not in body


@pytest.mark.django_db
def test_a_narrowing_of_another_type_is_refused_in_the_users_language(client, site_id):
    response = client.post(
        "/id/alerts/",
        {
            "topic": "search", "type": "article", "within_listing_type": "demand",
            "frequency": "daily", "language": "id", "email": "x@example.id",
        },
        HTTP_HOST=ID,
    )  # fmt: skip
    assert response.status_code == 400
    assert "Ini hanya berlaku untuk Peluang dagang." in response.content.decode()
    with schema_context(site_id.schema_name):
        assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_news_and_events_alert_links_keep_their_filters(client, site_id):
    news = client.get("/id/news/?category=policy&product=0801", HTTP_HOST=ID).content.decode()
    link = alert_link(news)
    assert "type=article" in link and "product=0801" in link
    events = client.get("/id/events/?type=forum", HTTP_HOST=ID).content.decode()
    assert alert_link(events) == "/id/alerts/?topic=events&value=forum"
    search = client.get("/id/search/?q=kopi&type=opportunity&country=CN", HTTP_HOST=ID)
    link = alert_link(search.content.decode())
    assert "q=kopi" in link and "type=opportunity" in link and "country=CN" in link


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("list_query", "wanted"),
    [
        ("", "type=enterprise"),
        ("?country=CN&product=0901", "type=enterprise&product=0901&country=CN"),
        (
            "?sector=A&verified=1",
            "type=enterprise&within_enterprise_sector=A&within_verified=1",
        ),
    ],
)
def test_the_enterprise_directorys_alert_link_keeps_its_filters(
    client, site_id, list_query, wanted
):
    html = client.get(f"/id/enterprises/{list_query}", HTTP_HOST=ID).content.decode()
    assert alert_link(html) == f"/id/alerts/?{wanted}"


@pytest.mark.django_db
def test_an_alert_from_the_filtered_directory_sends_only_what_it_shows(client, site_id):
    from tests.factories.accounts import make_enterprise

    html = client.get("/id/enterprises/?sector=A&verified=1", HTTP_HOST=ID).content.decode()
    form = client.get(alert_link(html), HTTP_HOST=ID).content.decode()
    assert re.search(
        r'name="within_enterprise_sector"[^>]*>.*?<option value="A" selected', form, re.S
    )
    assert re.search(r'name="within_verified"[^>]*>.*?<option value="1" selected', form, re.S)
    subscribe(
        client, site_id, "id", "buyer@example.id",
        type="enterprise", within_enterprise_sector="A", within_verified="1",
    )  # fmt: skip
    confirm_from_mail(client, mail.outbox[0])
    with schema_context(site_id.schema_name):
        subscription = Subscription.objects.get(email="buyer@example.id")
        assert subscription.value == "enterprise_sector=A&verified=1"
        make_enterprise(names={"en": "Verified farm"}, sectors=["A"], verified=True, is_listed=True)
        make_enterprise(names={"en": "Unchecked farm"}, sectors=["A"], is_listed=True)
        make_enterprise(names={"en": "Verified mill"}, sectors=["C"], verified=True, is_listed=True)
    mail.outbox.clear()

    run_jobs_at(next_digest_moment(site_id), site_id)

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Verified farm" in body
    assert "Unchecked farm" not in body and "Verified mill" not in body

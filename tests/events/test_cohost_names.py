"""A co-hosted event names its partners: on each site, "co-hosted with" the
other sites that show it (linked to the event there, in the reader's
language when that site offers it); on the hub, only the sites that still
co-host it (one that declined is no longer named)."""

import re

import pytest

from events.models import Event
from events.services import cohosting
from tests.factories.events import make_event

VN = {"HTTP_HOST": "cn-vn.localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}
HUB = {"HTTP_HOST": "localhost"}


def _hub_item(html: str, title: str) -> str:
    """The hub item (its <li>) whose link reads ``title``."""
    end = html.index(title)
    return html[html.rindex('<li class="hub-item', 0, end) : end]


def _cohosted_note(html: str) -> str:
    found = re.search(r'<dd class="event__cohosts">(.*?)</dd>', html, re.S)
    assert found, "no co-hosting note on the page"
    return found.group(1)


@pytest.mark.django_db
def test_each_site_names_and_links_the_other_host(client, site_vn, site_id, in_site):
    with in_site(site_vn):
        make_event(titles={"en": "Joint border trade forum"}, slug="joint", cohost_codes=["cn-id"])

    # On the co-host (Indonesian reader): the origin, named in Indonesian,
    # linked in its default language (cn-vn offers no Indonesian).
    note = _cohosted_note(client.get("/id/events/joint/", **ID).content.decode())
    assert "Vietnam" in note
    assert 'href="http://cn-vn.localhost/zh-hans/events/joint/"' in note
    assert "cooperation site." not in note  # the old anonymous sentence
    # On the origin (Vietnamese reader): the co-host, linked in its default.
    note = _cohosted_note(client.get("/vi/events/joint/", **VN).content.decode())
    assert 'href="http://cn-id.localhost/zh-hans/events/joint/"' in note
    # The English reader of cn-id's copy reads cn-vn's page in English.
    note = _cohosted_note(client.get("/en/events/joint/", **ID).content.decode())
    assert "China–Vietnam" in note and "/en/events/joint/" in note


@pytest.mark.django_db
def test_a_declined_cohost_is_named_neither_on_the_origin_nor_on_the_hub(
    client, site_vn, site_id, in_site
):
    with in_site(site_vn):
        make_event(titles={"en": "Unwanted forum"}, slug="unwanted", cohost_codes=["cn-id"])
    with in_site(site_id):
        cohosting.decline(Event.objects.get(slug="unwanted"), by="editor@example.id")

    assert 'class="event__cohosts"' not in client.get("/en/events/unwanted/", **VN).content.decode()
    for path in ("/en/", "/en/events/", "/en/search/?q=unwanted"):
        html = client.get(path, **HUB).content.decode()
        assert html.count("Unwanted forum") == 1, path
        assert "co-hosted with" not in _hub_item(html, "Unwanted forum"), path
    # An edit on the origin later does not bring the name back.
    with in_site(site_vn):
        event = Event.objects.get(slug="unwanted")
        event.title_en = "Unwanted forum, revised"
        event.save()
    html = client.get("/en/events/", **HUB).content.decode()
    assert "co-hosted with" not in _hub_item(html, "Unwanted forum, revised")


@pytest.mark.django_db
def test_the_hub_links_each_cohost_to_the_event_on_its_site(client, site_vn, site_id, in_site):
    with in_site(site_vn):
        make_event(titles={"en": "Joint border trade forum"}, slug="joint", cohost_codes=["cn-id"])
    for language, expected in (("en", "/en/"), ("id", "/id/"), ("fr", "/zh-hans/")):
        html = client.get(f"/{language}/events/", **HUB).content.decode()
        item = _hub_item(html, "Joint border trade forum")
        cohosts = item[item.index('class="hub-item__cohosts"') :]
        assert f'href="http://cn-id.localhost{expected}events/joint/"' in cohosts, language

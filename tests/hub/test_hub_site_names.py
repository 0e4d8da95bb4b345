"""The hub names sites where space is short as the coordination calendar
does: by their short names, the full name in a title. Two sites of one pair
named by default read the same in full ("China–South Korea Economic and
Trade Cooperation" twice); the search filter, the items' badges and their
co-hosts told them apart by nothing, and the long names filled a phone's line."""

import re

import pytest
from django.utils.html import escape

from tenants.naming import short_name_in

HUB = {"HTTP_HOST": "localhost"}


@pytest.fixture
def twins(site_vn, site_id):
    """China–Indonesia renamed to read as China–Vietnam does, in full."""
    site_id.name_en = site_vn.name_en
    site_id.save(update_fields=["name_en"])
    return site_vn, site_id


def page(client, path: str) -> str:
    response = client.get(path, **HUB)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.django_db
def test_the_search_filter_names_sites_by_their_short_names(client, twins):
    site_vn, _site_id = twins
    html = page(client, "/en/search/?type=event")
    select = re.search(r'<select id="hub-site".*?</select>', html, re.S).group(0)

    for site in twins:
        option = f'<option value="{site.code}" title="{escape(site_vn.name_en)}">'
        assert f"{option}{escape(short_name_in(site, 'en'))}</option>" in select
    assert ">China–Vietnam</option>" in select and ">China–Indonesia</option>" in select


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/search/?type=event", "/en/events/", "/en/"])
def test_items_badges_and_cohosts_name_sites_by_their_short_names(client, twins, path):
    site_vn, _site_id = twins
    html = page(client, path)
    badges = re.findall(r'<a class="badge badge--site"[^>]*>[^<]*</a>', html)
    assert badges
    for badge in badges:
        title = re.search(r'title="([^"]*)"', badge).group(1)
        assert title == escape(site_vn.name_en), badge
        assert badge.endswith((">China–Vietnam</a>", ">China–Indonesia</a>")), badge
    if path != "/en/":
        # The Expo, China–Vietnam's, co-hosted by China–Indonesia.
        cohosts = re.findall(r'class="hub-item__cohosts">.*?</span>', html, re.S)
        assert any(
            re.search(rf'hreflang="[^"]+" title="{re.escape(escape(site_vn.name_en))}">'
                      r"China–Indonesia</a>", found)
            for found in cohosts
        ), cohosts  # fmt: skip


@pytest.mark.django_db
def test_site_cards_that_read_the_same_add_their_short_names(client, twins, site_vn):
    html = page(client, "/en/sites/")
    cards = re.findall(r'<li class="site-card">.*?</li>', html, re.S)
    shorts = [re.search(r'site-card__short">([^<]*)<', card) for card in cards]
    assert sorted(found.group(1) for found in shorts if found) == [
        "China–Indonesia",
        "China–Vietnam",
    ]
    # A name of its own needs nothing more.
    assert "site-card__short" not in page(client, "/vi/sites/")

"""HS codes are shown the standard way wherever a reader sees one: a
subheading "0801.31", a heading "0801", a chapter "08" (never "080131"),
through ``search.vocabulary.format_code``."""

import re

import pytest

from alerts.models import Subscription
from alerts.services.subscriptions import describe
from search.vocabulary import format_code

VN = {"HTTP_HOST": "cn-vn.localhost"}


def test_codes_are_written_with_a_dot_after_the_heading():
    assert [format_code(c) for c in ("08", "0801", "080131")] == ["08", "0801", "0801.31"]


@pytest.mark.django_db
def test_the_products_a_search_covers_are_named_by_their_written_code(client, site_vn):
    html = client.get("/vi/search/?q=hat+dieu", **VN).content.decode()
    understood = html[html.index('class="search-understood"') :].split("</p>", 1)[0]
    assert "0801.31 · " in understood and "0801.32 · " in understood
    assert not re.search(r">\s*0801\d\d\b", understood)  # no "080131" as text
    assert "?product=080131" in understood  # the link's value stays the code


@pytest.mark.django_db
def test_an_alert_names_its_product_by_its_written_code(site_vn, in_site):
    with in_site(site_vn):
        alert = Subscription(email="a@example.org", language="en", product="080131")
        assert describe(alert).startswith("0801.31 · ")


@pytest.mark.django_db
def test_a_chosen_product_is_shown_back_by_its_written_code(client, site_vn):
    html = client.get("/en/alerts/?product=080131&type=opportunity", **VN).content.decode()
    assert re.search(r'name="product"[^>]*value="0801\.31 · ', html)


@pytest.mark.django_db
def test_a_filtered_feed_names_its_product_by_its_written_code(client, site_vn):
    feed = client.get("/en/opportunities/feed.atom?product=080131", **VN).content.decode()
    assert "0801.31" in feed.split("<entry>")[0]
    assert "080131 " not in feed

"""Defects a newcomer's walk through the hub found: the newest listings
across sites, event dates in the event's own time zone, co-hosted events once."""

import datetime

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from cooperation.models import Opportunity
from hub.gather import gathered
from search.registry import index_object
from tests.factories.opportunities import make_listing

HUB = {"HTTP_HOST": "localhost"}


def _listing(title: str, *, age: datetime.timedelta, country: str) -> None:
    """A listing posted ``age`` ago, indexed (as the demo's are) when loaded."""
    listing = make_listing(texts={"en": (title, "Details.")}, country=country)
    Opportunity.objects.filter(pk=listing.pk).update(created_at=timezone.now() - age)
    listing.refresh_from_db()
    index_object(listing)


@pytest.mark.django_db
def test_the_hubs_newest_listings_are_the_newest_of_every_site_newest_first(
    client, site_vn, site_id
):
    # Loaded one site after the other, each newest first (as the demo loads
    # them): the order they reached the index says nothing of their age.
    with schema_context(site_vn.schema_name):
        _listing("VN posted today", age=datetime.timedelta(hours=2), country="VN")
        _listing("VN posted last month", age=datetime.timedelta(days=30), country="VN")
    with schema_context(site_id.schema_name):
        _listing("ID posted today", age=datetime.timedelta(hours=1), country="ID")
        _listing("ID posted last week", age=datetime.timedelta(days=7), country="ID")

    mine = {"VN posted today", "VN posted last month", "ID posted today", "ID posted last week"}
    listed = [item.title for item in gathered("en", per_list=100).listings if item.title in mine]
    assert listed == ["ID posted today", "VN posted today", "ID posted last week",
                      "VN posted last month"]  # fmt: skip
    # The home page shows the newest of them first, each with its site.
    html = client.get("/en/", **HUB).content.decode()
    section = html[html.index('id="hub-listings"') : html.index('id="hub-events"')]
    assert section.index("ID posted today") < section.index("VN posted today")
    assert "VN posted last month" not in section or section.index("VN posted today") < section.index(
        "VN posted last month"
    )

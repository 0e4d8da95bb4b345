"""What the walk's fixes read from the address, attacked: NUL bytes, very
long values, odd Unicode, arrays, another site's values. Each gives a page
or a clear 4xx, never a 500."""

import pytest
from django_tenants.utils import schema_context

from alerts.models import Subscription

ID = {"HTTP_HOST": "cn-id.localhost"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "within_listing_type=%00",
        "within_listing_type=" + "x" * 5000,
        "within_listing_type=demand&within_listing_type=supply",
        "within_nosuchtopic=1&type=opportunity",
        "within_category=%F0%9F%98%80&type=article",
        "type=opportunity&product=%00&country=ZZ",
    ],
)
def test_odd_alert_links_show_the_form(client, site_id, query):
    # A NUL byte anywhere in an address is refused outright (web.security).
    assert client.get(f"/id/alerts/?{query}", **ID).status_code in (200, 400)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["\x00", "x" * 5000, "demand\x00", "😀"])
def test_odd_narrowings_are_refused_with_a_message(client, site_id, value):
    response = client.post(
        "/id/alerts/",
        {"topic": "search", "type": "opportunity", "within_listing_type": value,
         "frequency": "daily", "language": "id", "email": "odd@example.id"},
        **ID,
    )  # fmt: skip
    assert response.status_code == 400
    with schema_context(site_id.schema_name):
        assert not Subscription.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/id/search/?q=%00&page=99999",
        "/id/search/?q=" + "kopi" * 600 + "&page=2",
        "/id/opportunities/?type=demand&type=supply&product=0901",
        "/id/news/?category=%00&tag=" + "x" * 3000,
        "/id/events/?type=%00",
    ],
)
def test_odd_list_addresses_answer_without_error(client, site_id, path):
    assert client.get(path, **ID).status_code in (200, 400, 404)

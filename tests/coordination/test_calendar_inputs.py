"""Odd input on the calendar page and the feed gives a page or a 4xx, never a
500 or another language's words: site and type filters with NUL bytes, very
long or repeated values, odd Unicode; feed addresses naming a language the
hub does not speak."""

import pytest
from icalendar import Calendar

from coordination.views import feed_token

HUB = {"HTTP_HOST": "localhost"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"site": "x" * 5000},
        {"site": ["cn-vn"] * 500},
        {"site": "中国–越南 🇻🇳"},
        {"type": ["‮trade_fair", "y" * 3000]},
        {"type": ["forum", "forum"], "site": ["cn-id", "cn-id"]},
    ],
)
def test_odd_filters_give_the_page_not_an_error(client, coordinator, query, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(coordinator)

    response = client.get("/vi/coordination/calendar/", query, **HUB)

    assert response.status_code == 200
    assert response.context["grid"]  # the month is drawn, whatever was filtered


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"site": "cn-vn\x00"}, {"type": ["forum\x00"]}])
def test_a_nul_byte_in_a_filter_is_a_400_in_the_readers_language(client, coordinator, query):
    client.force_login(coordinator)

    response = client.get("/vi/coordination/calendar/", query, **HUB)

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["xx", "", None, "en\x00", "vi" * 100])
def test_a_feed_address_in_a_language_the_hub_lacks_reads_in_its_default(
    client, coordinator, language
):
    token = feed_token(coordinator, language)
    if language is None:  # made outside any page: the active language
        token = feed_token(coordinator)

    response = client.get("/coordination/calendar.ics", {"token": token}, **HUB)

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert str(Calendar.from_ical(response.content)["x-wr-calname"]) == "Coordination calendar"


@pytest.mark.django_db
def test_a_feed_token_cannot_be_altered_to_another_language(client, coordinator):
    token = feed_token(coordinator, "vi")
    payload, rest = token.split(":", 1)
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + ":" + rest

    assert client.get("/coordination/calendar.ics", {"token": forged}, **HUB).status_code == 404
    assert client.get("/coordination/calendar.ics", {"token": token}, **HUB)[
        "Content-Language"
    ] == ("vi")

"""An online event's join link: for everyone only when the organisers say so.

A meeting link on a public page is an invitation to anyone to walk in. By
default it goes only to confirmed participants (their e-mail and its
calendar attachment); the event page, the site's calendar feed and the
event's .ics say where it is sent instead. A public livestream can be
shown to everyone."""

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from events.services.registration import register
from tests.factories.events import make_event

VN, ID = "cn-vn.localhost", "cn-id.localhost"
LINK = "https://meet.example.org/j/8812345?pwd=secret"

pytestmark = pytest.mark.django_db


def calendar_text(client, path: str, host: str = VN) -> str:
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return response.content.decode().replace("\r\n ", "")  # unfolded


@pytest.fixture
def webinar(site_vn, in_site):
    with in_site(site_vn):
        return make_event(
            slug="webinar",
            kind="webinar",
            online_url=LINK,
            capacity=1,
            titles={"vi": "Hội thảo trực tuyến"},
        )


def test_a_private_link_is_on_no_public_page_or_calendar(client, webinar):
    page = client.get("/vi/events/webinar/", HTTP_HOST=VN).content.decode()

    assert "meet.example.org" not in page
    assert "Đường liên kết để tham gia được gửi tới người đã đăng ký" in page
    assert "meet.example.org" not in calendar_text(client, "/vi/events/calendar.ics")
    assert "meet.example.org" not in calendar_text(client, "/vi/events/webinar.ics")
    assert "meet.example.org" not in calendar_text(client, "/vi/events/feed.atom")


def test_confirmed_participants_get_the_link_and_the_waiting_list_does_not(
    webinar, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        register(event=webinar, name="Lan", email="lan@example.com", language="vi")
        register(event=webinar, name="Minh", email="minh@example.com", language="vi")

    confirmed, waiting = mailoutbox
    assert LINK in confirmed.body and LINK in confirmed.alternatives[0][0].replace("&amp;", "&")
    (attachment,) = confirmed.attachments
    (entry,) = Calendar.from_ical(attachment[1]).walk("VEVENT")
    assert LINK in str(entry["location"])
    assert "meet.example.org" not in waiting.body + waiting.alternatives[0][0]


def test_the_public_calendars_and_feed_say_where_a_private_link_goes(client, webinar):
    sent = "Đường liên kết để tham gia được gửi tới người đã đăng ký"

    (entry,) = Calendar.from_ical(client.get("/vi/events/webinar.ics", HTTP_HOST=VN).content).walk(
        "VEVENT"
    )
    assert sent in str(entry["description"]) and "conference" not in entry
    assert sent in calendar_text(client, "/vi/events/feed.atom")


def test_a_participant_of_a_hybrid_event_gets_the_venue_and_the_link(
    site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        forum = make_event(
            slug="hybrid-forum", online_url=LINK, capacity=5, venue={"vi": "Nhà văn hóa Lạng Sơn"}
        )
        register(event=forum, name="Lan", email="lan@example.com", language="vi")

    (entry,) = Calendar.from_ical(mailoutbox[0].attachments[0][1]).walk("VEVENT")
    assert str(entry["location"]) == "Nhà văn hóa Lạng Sơn"
    assert str(entry["conference"]) == LINK  # RFC 7986
    assert LINK in str(entry["description"])


def test_a_public_link_is_shown_to_everyone(client, site_vn, in_site):
    with in_site(site_vn):
        make_event(slug="livestream", online_url=LINK, online_url_is_public=True)

    page = client.get("/vi/events/livestream/", HTTP_HOST=VN).content.decode()
    assert f'<a href="{LINK}" rel="noopener">' in page
    assert LINK in calendar_text(client, "/vi/events/livestream.ics")
    assert LINK in calendar_text(client, "/vi/events/feed.atom")


def test_a_private_link_nobody_could_receive_is_refused(site_vn, in_site):
    with in_site(site_vn):
        event = make_event(online_url=LINK, registration_open=False)
        with pytest.raises(ValidationError) as refused:
            event.full_clean()
        assert "online_url_is_public" in refused.value.message_dict

        event.online_url_is_public = True
        event.full_clean()  # a public link needs no registration

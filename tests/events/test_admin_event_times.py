"""Times typed into the event admin are wall-clock times in the event's own
zone, the one chosen on the same form: they were read in the site's zone
(10:00 chosen in Shanghai on the Seoul site was stored as 10:00 Seoul, and
the event page said 9:00 Shanghai)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from events.models import Event

HOST = {"HTTP_HOST": "cn-vn.localhost"}  # the site's zone is Asia/Ho_Chi_Minh


@pytest.fixture
def boss(client, site_vn, in_site):
    with in_site(site_vn):
        user = get_user_model().objects.create_superuser("boss-times", "t@cn-vn.example", "pw-1")
        client.force_login(user)
    return client


def form_defaults(html: str) -> dict[str, str]:
    """What the add page would send untouched: its inline management form."""
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    return {name: value for name, value in fields if "-" in name}


@pytest.mark.django_db
def test_times_are_read_and_shown_in_the_events_chosen_zone(boss, site_vn, in_site):
    client = boss
    page = client.get("/admin/events/event/add/", **HOST).content.decode()
    data = {
        **form_defaults(page),
        "slug": "expo-shanghai", "title_zh_hans": "博览会", "kind": "forum",
        "status": "scheduled", "time_zone": "Asia/Shanghai",
        "starts_at_0": "2031-05-10", "starts_at_1": "10:00:00",
        "ends_at_0": "2031-05-10", "ends_at_1": "12:00:00",
    }  # fmt: skip

    response = client.post("/admin/events/event/add/", data, **HOST)

    assert response.status_code == 302, response.context["adminform"].form.errors
    with in_site(site_vn):
        event = Event.objects.get(slug="expo-shanghai")
    shanghai = ZoneInfo("Asia/Shanghai")
    assert event.starts_at == datetime.datetime(2031, 5, 10, 10, tzinfo=shanghai)
    assert event.ends_at == datetime.datetime(2031, 5, 10, 12, tzinfo=shanghai)
    # Opened again, the form shows the times as they were typed.
    again = client.get(f"/admin/events/event/{event.pk}/change/", **HOST).content.decode()
    assert 'name="starts_at_1" value="10:00"' in again
    assert 'name="ends_at_1" value="12:00"' in again
    # And the form says so, in the editor's language.
    vietnamese = client.get("/admin/events/event/add/", HTTP_ACCEPT_LANGUAGE="vi", **HOST)
    assert "Giờ địa phương theo múi giờ của sự kiện" in vietnamese.content.decode()


@pytest.mark.django_db
def test_the_event_list_gives_each_time_as_the_events_page_does(boss, site_vn, in_site):
    """The list said "19 Nov 2026 23:00" (UTC) for a fair the public page
    dates 20 Nov, 06:00 in Vietnam (newcomer walk): it now writes the time
    as the event's page does, in the event's zone and the site's."""
    from tests.factories.events import make_event

    start = datetime.datetime(2031, 11, 20, 6, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with in_site(site_vn):
        fair = make_event(slug="night-fair", starts=start, time_zone="Asia/Ho_Chi_Minh")
    public = boss.get("/en/events/night-fair/", **HOST).content.decode()
    listed = boss.get("/admin/events/event/", HTTP_ACCEPT_LANGUAGE="en", **HOST).content.decode()

    when = re.search(r"<dt>When</dt><dd>(.*?)</dd>", public, re.S).group(1).strip()
    assert "6:00" in when
    link = f"/admin/events/event/{fair.pk}/change/"
    row = listed.split(link)[0].rsplit("<tr", 1)[-1] + listed.split(link)[1].split("</tr>")[0]
    assert when in row

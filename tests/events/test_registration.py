import csv
import io
import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.db import connections
from django_tenants.utils import schema_context
from icalendar import Calendar

from events.models import Registration
from events.services.registration import RegistrationError, cancel, register
from tenants.models import Site
from tests.factories.accounts import make_staff
from tests.factories.events import make_event


def sign_up(event, email, language="vi", name="Nguyễn Thị Lan"):
    return register(event=event, name=name, email=email, language=language)


@pytest.mark.django_db
def test_capacity_then_waitlist_then_promotion(
    site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        event = make_event(
            capacity=2, titles={"vi": "Hội thảo logistics", "en": "Logistics seminar"}
        )
        first = sign_up(event, "a@example.com")
        second = sign_up(event, "b@example.com", language="en", name="Budi")
        third = sign_up(event, "c@example.com", language="zh-hans", name="王芳")
        assert [r.status for r in (first, second, third)] == [
            "confirmed",
            "confirmed",
            "waitlisted",
        ]

        promoted = cancel(first)

        assert promoted == third
        third.refresh_from_db()
        assert third.status == "confirmed"
    subjects = [message.subject for message in mailoutbox]
    assert subjects == [
        "Đã xác nhận đăng ký: Hội thảo logistics",
        "Registration confirmed: Logistics seminar",
        "候补：Logistics seminar",  # no Chinese title: the English one, in a Chinese sentence
        "已为您保留名额：Logistics seminar",
    ]


@pytest.mark.django_db
def test_confirmation_is_in_the_registrants_language_with_ics_and_cancel_link(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        make_event(slug="trade-talk", titles={"vi": "Tọa đàm thương mại", "zh-hans": "贸易座谈"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/vi/events/trade-talk/",
            {
                "name": "Trần Văn Minh",
                "email": "minh@example.com",
                "organisation": "Vinafood",
                "country": "VN",
            },
            HTTP_HOST="cn-vn.localhost",
        )

    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.subject == "Đã xác nhận đăng ký: Tọa đàm thương mại"
    assert "Kính gửi Trần Văn Minh," in message.body
    assert message.extra_headers["Content-Language"] == "vi"
    filename, content, mimetype = message.attachments[0]
    assert filename == "trade-talk.ics" and mimetype.startswith("text/calendar")
    assert [str(e["summary"]) for e in Calendar.from_ical(content).walk("VEVENT")] == [
        "Tọa đàm thương mại"
    ]
    cancel_path = re.search(
        r"http://cn-vn.localhost(/vi/events/registration/[^/]+/cancel/)", message.body
    )[1]
    assert "Trần Văn Minh" in client.get(cancel_path, HTTP_HOST="cn-vn.localhost").content.decode()
    client.post(cancel_path, HTTP_HOST="cn-vn.localhost")
    with in_site(site_vn):
        assert Registration.objects.get(email="minh@example.com").status == "cancelled"


@pytest.mark.django_db
def test_a_duplicate_registration_reveals_nothing_and_reminds_the_registrant(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        event = make_event(slug="twice")
        first = sign_up(event, "same@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/vi/events/twice/",
            {"name": "Lan", "email": "SAME@example.com"},
            HTTP_HOST="cn-vn.localhost",
            follow=True,
        )

    # What anyone registering sees; the registrant gets their link again.
    assert "Bạn đã đăng ký" in response.content.decode()
    assert "đã đăng ký sự kiện này" not in response.content.decode()
    (mail,) = mailoutbox
    assert mail.to == ["same@example.com"] and first.token in mail.body
    with in_site(site_vn):
        assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_invalid_form_re_renders_with_messages_and_keeps_input(client, site_id, in_site):
    with in_site(site_id):
        make_event(slug="jakarta-forum")  # a week from now: open for registration

    response = client.post(
        "/id/events/jakarta-forum/",
        {"name": "Budi Santoso", "email": "not-an-address", "country": "ZZ"},
        HTTP_HOST="cn-id.localhost",
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Budi Santoso"' in page
    assert "Masukkan alamat email yang valid." in page or "alamat email" in page.lower()


@pytest.mark.django_db
def test_a_visitors_form_is_built_only_where_its_fields_are_not_kept(
    site_vn, site_id, in_site, django_capture_on_commit_callbacks
):
    """A visitor's empty form is drawn from its kept fields: the view builds
    none then, and the page reads the same; a signed-in member's is built."""
    from django.test import Client
    from django.utils.functional import empty

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        make_event(slug="kept-form")
    with in_site(site_id), django_capture_on_commit_callbacks(execute=True):
        make_event(slug="kept-form")

    def visit(host: str = "cn-vn.localhost", client: Client | None = None):
        response = (client or Client()).get(
            "/en/events/kept-form/", HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache"
        )
        assert response.status_code == 200
        token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
        return response.context["form"], token.sub("", response.content.decode())

    first_form, first = visit()
    kept_form, kept = visit()
    assert first_form is not None and kept_form._wrapped is empty  # never built
    assert kept == first and 'name="email"' in kept
    # Another site's fields are its own: built and drawn there first.
    assert visit("cn-id.localhost")[0] is not None
    signed_in = Client()
    with in_site(site_vn):  # the user and the session live in the site's schema
        signed_in.force_login(make_staff())
    assert visit(client=signed_in)[0] is not None


@pytest.mark.django_db
def test_a_form_not_built_for_kept_fields_is_still_drawn_when_they_are_gone(
    site_vn, in_site, monkeypatch, django_capture_on_commit_callbacks
):
    """The view skipped the form because its fields were kept; if the tag
    renders them afresh after all (kept when the view asked, not when the
    template renders: review), the visitor still gets every field."""
    from django.test import Client

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        make_event(slug="gone-form")
    monkeypatch.setattr(
        "events.views.kept_fragment", lambda request, name, *values: name == "registration-fields"
    )
    response = Client().get(
        "/en/events/gone-form/", HTTP_HOST="cn-vn.localhost", HTTP_CACHE_CONTROL="no-cache"
    )
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


@pytest.mark.django_db
def test_honeypot_silently_drops_robots(client, site_vn, in_site):
    with in_site(site_vn):
        make_event(slug="robots")

    client.post(
        "/en/events/robots/",
        {"name": "Bot", "email": "bot@example.com", "website": "http://spam.example"},
        HTTP_HOST="cn-vn.localhost",
    )

    with in_site(site_vn):
        assert not Registration.objects.filter(email="bot@example.com").exists()


@pytest.mark.django_db
def test_cancelled_past_and_copied_events_take_no_registrations(site_vn, site_id, in_site):
    import datetime

    from django.utils import timezone

    with in_site(site_vn):
        cancelled = make_event(status="cancelled")
        past = make_event(starts=timezone.now() - datetime.timedelta(days=3))
        for event, reason in ((cancelled, "cancelled"), (past, "over")):
            with pytest.raises(RegistrationError, match=reason):
                sign_up(event, "x@example.com")
    with in_site(site_id):
        from events.models import Event

        copy = Event.objects.get(slug="asean-china-investment-forum")
        with pytest.raises(RegistrationError, match="organising site"):
            sign_up(copy, "x@example.com")


@pytest.mark.django_db
def test_organisers_export_attendees_as_csv(client, site_vn, in_site):
    with in_site(site_vn):
        event = make_event(slug="csv-export")
        sign_up(event, "a@example.com", name="=HYPERLINK(1)")
        client.force_login(make_staff("editor"))

    response = client.get("/en/events/csv-export/attendees.csv", HTTP_HOST="cn-vn.localhost")
    rows = response.content.decode("utf-8-sig").splitlines()

    assert rows[0] == "event,name,email,organisation,country,language,status,registered_at"
    assert rows[1].startswith("csv-export,'=HYPERLINK(1),a@example.com,,,vi,confirmed,")


@pytest.mark.django_db
def test_every_typed_cell_of_the_attendee_list_is_text_tab_cr_and_email_included(
    client, site_vn, in_site
):
    # Some spreadsheet programs skip a leading tab or carriage return and run
    # the formula after it; an e-mail address may start with "=" or "-".
    with in_site(site_vn):
        event = make_event(slug="csv-cells")
        register(
            event=event, name="\t=1+1", email="=cmd@example.com", language="vi",
            organisation="\r@SUM(A1)", country="+1",
        )  # fmt: skip
        client.force_login(make_staff("editor"))

    response = client.get("/en/events/csv-cells/attendees.csv", HTTP_HOST="cn-vn.localhost")
    (row,) = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]

    assert row[1:5] == ["'\t=1+1", "'=cmd@example.com", "'\r@SUM(A1)", "'+1"]


@pytest.mark.django_db
def test_attendee_lists_are_refused_to_staff_without_the_registration_permission(
    client, site_vn, in_site
):
    with in_site(site_vn):
        event = make_event(slug="private-list")
        sign_up(event, "guest@example.com")
        client.force_login(make_staff("translator"))

    refused = client.get("/en/events/private-list/attendees.csv", HTTP_HOST="cn-vn.localhost")
    missing = client.get("/en/events/no-such-event/attendees.csv", HTTP_HOST="cn-vn.localhost")
    client.logout()
    anonymous = client.get("/en/events/private-list/attendees.csv", HTTP_HOST="cn-vn.localhost")

    assert refused.status_code == 403 and b"guest@example.com" not in refused.content
    assert missing.status_code == 403  # says nothing about which events exist
    assert anonymous.status_code == 302 and "/en/account/login/" in anonymous["Location"]


def test_parallel_registrations_never_overbook(live_port, django_db_blocker, settings):
    """Twelve people press Register at the same moment for five places."""
    settings.PUBLIC_FORM_LIMIT = 100  # they all come from 127.0.0.1
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            event = make_event(slug="parallel-rush", capacity=5)
    host = f"cn-vn.localhost:{live_port}"
    barrier = threading.Barrier(12)
    results: list[int] = []

    def press_register(number: int) -> None:
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        url = f"http://127.0.0.1:{live_port}/en/events/parallel-rush/"
        page = opener.open(urllib.request.Request(url, headers={"Host": host})).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Person {number}",
                "email": f"p{number}@example.com",
            }
        ).encode()
        barrier.wait()
        request = urllib.request.Request(
            url, data=body, headers={"Host": host, "Referer": f"http://{host}/"}
        )
        try:
            results.append(opener.open(request).status)
        except urllib.error.HTTPError as error:
            results.append(error.code)

    try:
        threads = [threading.Thread(target=press_register, args=(n,)) for n in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            statuses = sorted(event.registrations.values_list("status", flat=True))
    finally:
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            event.delete()
        connections.close_all()

    assert results == [200] * 12  # each followed the redirect back to the event page
    assert statuses == ["confirmed"] * 5 + ["waitlisted"] * 7

"""The one mail service: who it is from, in which language, and when it goes."""

import pytest
from django.conf import settings
from django.db import transaction

from cooperation.models import Opportunity
from web import mail

PENDING = "cooperation/emails/opportunity_pending"


def listing() -> Opportunity:
    return Opportunity.objects.create(
        kind="offer", title_vi="Gạo ST25", company="Công ty Lúa Vàng", sector="A",
        country="VN", valid_until="2099-01-01", contact_name="Lan",
        contact_email="lan@example.vn", language="vi",
    )  # fmt: skip


@pytest.mark.django_db
def test_from_the_portal_reply_to_the_site_in_a_language_the_site_offers(
    site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), in_site(site_vn):
        opportunity = listing()
        # Korean is not a language of China–Vietnam: its default is used.
        mail.send(PENDING, {"opportunity": opportunity, "url": "https://x"},
                  to=["editor@example.org"], language="ko", site=site_vn)  # fmt: skip
        # Sent after commit from outside the site: it re-enters the site's
        # schema, where the {% shown %} tag finds the site's languages.

    (message,) = mailoutbox
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.reply_to == [site_vn.contact_email]
    assert message.extra_headers["Content-Language"] == "zh-hans"
    assert "Gạo ST25" in message.body and message.subject.startswith("待审核")
    assert message.alternatives == []  # no HTML template for this one


@pytest.mark.django_db
def test_html_part_and_attachments_when_there_are_some(
    site_id, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories.events import make_event

    with in_site(site_id), django_capture_on_commit_callbacks(execute=True):
        event = make_event(titles={"id": "Temu bisnis"})
        registration = event.registrations.create(
            name="Budi", email="budi@example.id", language="id"
        )
        mail.send(
            "events/emails/registration",
            {"registration": registration, "event": event, "kind": "confirmed",
             "event_url": "https://e", "cancel_url": "https://c"},
            to=["budi@example.id"], language="id", site=site_id,
            attachments=[("event.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )  # fmt: skip

    (message,) = mailoutbox
    assert message.alternatives[0][1] == "text/html" and "Temu bisnis" in message.alternatives[0][0]
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype, content) == ("event.ics", "text/calendar", "BEGIN:VCALENDAR")


@pytest.mark.django_db
def test_nothing_is_sent_for_work_that_is_rolled_back(
    site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        in_site(site_vn),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        opportunity = listing()
        mail.send(PENDING, {"opportunity": opportunity, "url": ""},
                  to=["editor@example.org"], language="vi", site=site_vn)  # fmt: skip
        raise RuntimeError("the save failed after all")

    assert mailoutbox == []

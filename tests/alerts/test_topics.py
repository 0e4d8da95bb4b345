"""Following the events calendar: the events page offers it, and the digest
holds the events announced since, of the kind chosen, in the reader's language."""

import re

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from alerts.models import Subscription
from tests.alerts.helpers import next_digest_moment, run_jobs_at
from tests.alerts.test_digests import confirm_from_mail, subscribe
from tests.factories.events import make_event


@pytest.mark.django_db
def test_the_events_calendar_is_followed_from_the_events_page(client, site_vn):
    with schema_context(site_vn.schema_name):
        make_event(titles={"en": "Announced before the alert"})
    events_page = client.get("/vi/events/", HTTP_HOST="cn-vn.localhost").content.decode()
    follow = client.get("/vi/alerts/?topic=events&value=all", HTTP_HOST="cn-vn.localhost")
    assert "/vi/alerts/?topic=events&amp;value=all" in events_page
    html = follow.content.decode()
    assert re.search(r'name="topic" value="events"[^>]* checked', html)
    assert '<option value="all" selected>Tất cả sự kiện</option>' in html

    subscribe(client, site_vn, "vi", "visitor@example.vn", topic="events", topic_events="all")
    confirm_from_mail(client, mail.outbox[0])
    subscribe(client, site_vn, "en", "fairs@example.org", topic="events", topic_events="trade_fair")
    confirm_from_mail(client, mail.outbox[-1])
    with schema_context(site_vn.schema_name):
        assert Subscription.objects.filter(status=Subscription.Status.ACTIVE).count() == 2
        make_event(titles={"en": "Cashew forum", "vi": "Diễn đàn hạt điều"}, kind="forum")
        make_event(titles={"en": "Border trade fair"}, kind="trade_fair")
    mail.outbox.clear()

    run_jobs_at(next_digest_moment(site_vn), site_vn)

    digests = {message.to[0]: message for message in mail.outbox}
    assert sorted(digests) == ["fairs@example.org", "visitor@example.vn"]
    every = digests["visitor@example.vn"].body
    assert "Diễn đàn hạt điều" in every and "Border trade fair" in every
    assert "Announced before the alert" not in every
    assert "Lịch sự kiện" in every  # what it follows, in Vietnamese
    fairs = digests["fairs@example.org"].body
    assert "Border trade fair" in fairs and "Cashew forum" not in fairs

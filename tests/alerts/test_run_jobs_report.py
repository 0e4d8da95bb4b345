"""What ``run_jobs`` tells the operator: per site, what it sent, and when
digests are next due, so a run that sends nothing is not a riddle."""

import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_tenants.utils import schema_context

from tests.alerts.helpers import next_digest_moment
from tests.alerts.test_digests import confirm_from_mail, subscribe
from tests.factories.events import make_event


def run_jobs_output(moment, *sites) -> str:
    out = io.StringIO()
    with time_machine.travel(moment, tick=False):
        call_command("run_jobs", *[f"--site={site.code}" for site in sites], stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_run_reports_each_sites_sendings_and_the_next_digest_time(client, site_vn, site_id):
    subscribe(client, site_vn, "vi", "visitor@example.vn", topic="events", topic_events="all")
    confirm_from_mail(client, mail.outbox[0])
    with schema_context(site_vn.schema_name):
        make_event(titles={"en": "Cashew forum", "vi": "Diễn đàn hạt điều"}, kind="forum")
    mail.outbox.clear()

    report = run_jobs_output(next_digest_moment(site_vn), site_vn, site_id)

    assert len(mail.outbox) == 1
    vn_line = next(line for line in report.splitlines() if line.startswith("cn-vn:"))
    assert "1 digest(s) sent" in vn_line
    id_line = next(line for line in report.splitlines() if line.startswith("cn-id:"))
    assert "no alerts sent" in id_line

    # The same day again: nothing is due, and the report says when it will be.
    again = run_jobs_output(next_digest_moment(site_vn, hour_offset=2), site_vn)
    vn_again = next(line for line in again.splitlines() if line.startswith("cn-vn:"))
    assert "no alerts sent" in vn_again
    tomorrow = next_digest_moment(site_vn, days=2, hour_offset=0)
    assert re.search(
        rf"next daily digests from {tomorrow:%Y-%m-%d %H:%M} \({site_vn.time_zone}\)", vn_again
    )


@pytest.mark.django_db
def test_a_run_reports_what_other_jobs_sent_too(site_vn, django_capture_on_commit_callbacks):
    """The events' change notices go out in the same run (events.jobs): its
    line said "nothing sent" right after they went (newcomer walk, session 29)."""
    import datetime

    from events.services.registration import register

    with schema_context(site_vn.schema_name), django_capture_on_commit_callbacks(execute=True):
        event = make_event(slug="moved-forum", titles={"vi": "Diễn đàn"})
        register(event=event, name="Lan", email="lan@example.com", language="vi")
        event.ends_at += datetime.timedelta(hours=1)
        event.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        report = run_jobs_output(next_digest_moment(site_vn, hour_offset=2), site_vn)

    assert len(mail.outbox) == 1
    vn_lines = [line for line in report.splitlines() if line.startswith("cn-vn:")]
    assert "no alerts sent" in vn_lines[0]
    assert any("1 told of a change (events.jobs.tell_participants)" in line for line in vn_lines)

"""An alert subscriber gets exactly one digest with exactly the new matches,
in their language, and leaves with one click from the e-mail's header."""

import datetime

import pytest
import time_machine
from django.core import mail
from django_tenants.utils import schema_context

from alerts.models import Delivery, Subscription
from tests.alerts.helpers import host_and_path, link_to, next_digest_moment, run_jobs_at
from tests.factories.opportunities import make_listing


def subscribe(client, site, language: str, email: str, **fields) -> None:
    from django.test import TestCase

    host = site.domains.get(is_primary=True).domain
    data = {"topic": "search", "frequency": "daily", "language": language, "email": email, **fields}
    # The confirmation goes once the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/{language}/alerts/", data, HTTP_HOST=host)
    assert response.status_code == 200, response.content.decode()[:3000]


def confirm_from_mail(client, message) -> None:
    host, path = host_and_path(link_to(message.body, "/alerts/confirm/"))
    page = client.get(path, HTTP_HOST=host)
    assert page.status_code == 200
    assert client.post(path, HTTP_HOST=host).status_code == 200


@pytest.mark.django_db
def test_subscriber_gets_one_digest_with_exactly_the_new_matches_in_vietnamese(client, site_vn):
    subscribe(client, site_vn, "vi", "seller@example.vn", product="0801")
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["seller@example.vn"]
    assert confirmation.extra_headers["Content-Language"] == "vi"
    confirm_from_mail(client, confirmation)
    with schema_context(site_vn.schema_name):
        subscription = Subscription.objects.get(email="seller@example.vn")
        assert subscription.status == Subscription.Status.ACTIVE

    with schema_context(site_vn.schema_name):
        wanted = make_listing(
            texts={"en": ("Raw cashew nuts wanted, 200 t", "Monthly orders, W320.")},
            codes=["0801"],
        )
        make_listing(texts={"en": ("Black pepper wanted", "500 g/l.")}, codes=["0904"])
    mail.outbox.clear()

    moment = next_digest_moment(site_vn)
    run_jobs_at(moment, site_vn)
    run_jobs_at(moment + datetime.timedelta(hours=1), site_vn)  # the same day again: nothing

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["seller@example.vn"]
    assert "Raw cashew nuts wanted, 200 t" in digest.body
    assert "Black pepper wanted" not in digest.body
    assert "(bằng tiếng Anh)" in digest.body  # the item is in English, and the e-mail says so
    assert digest.extra_headers["Content-Language"] == "vi"
    assert "mới cho" in digest.subject  # in Vietnamese
    assert f"/vi/opportunities/{wanted.pk}/" in digest.body

    # The next day: nothing new, nothing sent; a new match, one more digest.
    mail.outbox.clear()
    run_jobs_at(moment + datetime.timedelta(days=1), site_vn)
    assert mail.outbox == []
    later = moment + datetime.timedelta(days=1, hours=2)
    with time_machine.travel(later, tick=False), schema_context(site_vn.schema_name):
        make_listing(texts={"en": ("Cashew kernels, WW240", "Spot.")}, codes=["080132"])
    run_jobs_at(moment + datetime.timedelta(days=2), site_vn)
    assert len(mail.outbox) == 1
    assert "Cashew kernels, WW240" in mail.outbox[0].body
    assert "Raw cashew nuts wanted" not in mail.outbox[0].body


@pytest.mark.django_db
def test_one_click_unsubscribe_from_the_header_with_a_real_post(client, site_vn):
    subscribe(client, site_vn, "vi", "buyer@example.vn", q="cashew")
    confirm_from_mail(client, mail.outbox[0])
    with schema_context(site_vn.schema_name):
        make_listing(texts={"en": ("Cashew wanted", "Any grade.")})
    mail.outbox.clear()
    run_jobs_at(next_digest_moment(site_vn), site_vn)
    digest = mail.outbox[0]
    header = digest.extra_headers["List-Unsubscribe"]
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header.startswith("<") and header.endswith(">")
    host, path = host_and_path(header[1:-1])

    # As a mail provider does it: a POST with that body, no cookie, no CSRF token.
    client.cookies.clear()
    response = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST=host,
    )

    assert response.status_code == 200
    with schema_context(site_vn.schema_name):
        assert Subscription.objects.get(email="buyer@example.vn").status == "unsubscribed"
    # Again: still a readable answer, nothing changes.
    again = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST=host,
    )
    assert again.status_code == 200
    # On another site's host the link is nobody's.
    other = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST="cn-id.localhost",
    )
    assert other.status_code == 404


@pytest.mark.django_db
def test_a_crash_between_deciding_and_sending_sends_once_later(client, site_vn, monkeypatch):
    from alerts.services import delivery

    subscribe(client, site_vn, "vi", "crash@example.vn", q="durian")
    confirm_from_mail(client, mail.outbox[0])
    with schema_context(site_vn.schema_name):
        make_listing(texts={"en": ("Durian wanted", "Fresh, Musang King.")})
    mail.outbox.clear()

    def crash(*args, **kwargs):
        raise SystemExit("killed after the decision was committed")

    moment = next_digest_moment(site_vn)
    with monkeypatch.context() as patch:
        patch.setattr(delivery, "send_pending", crash)
        with pytest.raises(SystemExit):
            from alerts.jobs import run_site

            with time_machine.travel(moment, tick=False):
                run_site.call(site_vn.code)
    with schema_context(site_vn.schema_name):
        decided = Delivery.objects.get(subscription__email="crash@example.vn")
        assert decided.status == Delivery.Status.PENDING
    assert mail.outbox == []

    run_jobs_at(moment + datetime.timedelta(minutes=5), site_vn)
    run_jobs_at(moment + datetime.timedelta(minutes=10), site_vn)

    assert len(mail.outbox) == 1
    assert "Durian wanted" in mail.outbox[0].body
    with schema_context(site_vn.schema_name):
        decided.refresh_from_db()
        assert decided.status == Delivery.Status.SENT and decided.attempts == 1

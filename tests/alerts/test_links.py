"""Attacks on the alert pages and links: each gets a clear answer, never a
500, another site's data or a second use of a used link."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from django_tenants.utils import schema_context

from alerts import links
from alerts.models import Subscription
from alerts.services.subscriptions import Wish, subscribe
from tests.alerts.helpers import host_and_path, link_to
from tests.factories.accounts import make_member

VN = {"HTTP_HOST": "cn-vn.localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}


def post(client, data: dict, **host):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/en/alerts/", data, **(host or VN))


def form(**fields) -> dict:
    return {
        "topic": "search",
        "frequency": "weekly",
        "language": "en",
        "email": "a@example.org",
        **fields,
    }


@pytest.mark.django_db
def test_bad_input_re_renders_the_form_with_messages(client, site_vn):
    cases = [
        form(q="cashew\x00nuts", email="a\x00@example.org"),
        form(email="not-an-address"),
        form(q="x" * 10_000),
        form(topic="nonsense"),
        form(topic="category", topic_category=""),
        form(q="", type="", product="", country=""),
        form(language="xx", q="rubber"),
        form(product="no such product at all", q=""),
    ]
    for data in cases:
        response = post(client, data)
        assert response.status_code == 400, data
        assert (
            'class="form__error' in response.content.decode()
            or "form__errors" in response.content.decode()
        )
    with schema_context(site_vn.schema_name):
        assert not Subscription.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_odd_but_valid_input_is_taken_as_it_is(client, site_vn):
    response = post(client, form(q="  hạt điều 🌰 ‮tsil‬  ", email="Odd.Case@Example.ORG"))
    assert response.status_code == 200
    with schema_context(site_vn.schema_name):
        subscription = Subscription.objects.get()
    assert subscription.email == "odd.case@example.org"
    assert subscription.status == Subscription.Status.PENDING
    # Asking twice sends a reminder, not a second subscription.
    post(client, form(q="  hạt điều 🌰 ‮tsil‬  ", email="odd.case@example.org"))
    with schema_context(site_vn.schema_name):
        assert Subscription.objects.count() == 1


@pytest.mark.django_db
def test_links_work_once_and_on_their_own_site_only(client, site_vn):
    post(client, form(q="rubber"))
    host, path = host_and_path(link_to(mail.outbox[0].body, "/alerts/confirm/"))

    assert client.get(path, **ID).status_code == 404  # another site's host
    assert client.post(path, **ID).status_code == 404
    assert client.post(path, HTTP_HOST=host).status_code == 200
    replay = client.post(path, HTTP_HOST=host)
    assert replay.status_code == 200 and "already" in replay.content.decode()

    for broken in (
        path[:-5] + "xxxx/",
        path.replace("confirm", "unsubscribe"),
        "/en/alerts/manage/" + "a" * 400 + "/",
    ):
        assert client.get(broken, HTTP_HOST=host).status_code == 404
    with schema_context(site_vn.schema_name):
        subscription = Subscription.objects.get()
        assert subscription.status == Subscription.Status.ACTIVE


@pytest.mark.django_db
def test_a_member_manages_only_their_own_alerts(client, site_vn):
    with schema_context(site_vn.schema_name):
        owner = make_member(email="owner@example.org")
        other = make_member(email="other@example.org")
        theirs, _ = subscribe(site_vn, email="owner@example.org", wish=Wish(query="tea"), language="en", frequency="daily", user=owner.user)  # fmt: skip
        client.force_login(other.user)
    assert (
        theirs.status == Subscription.Status.ACTIVE
    )  # signed in with that address: no e-mail round trip

    answer = client.post(f"/en/account/alerts/{theirs.pk}/", {"action": "unsubscribe"}, **VN)
    assert answer.status_code == 404
    assert (
        client.post("/en/account/alerts/999999/", {"action": "unsubscribe"}, **VN).status_code
        == 404
    )
    with schema_context(site_vn.schema_name):
        theirs.refresh_from_db()
        assert theirs.status == Subscription.Status.ACTIVE
        client.force_login(owner.user)
    dashboard = client.get("/en/account/", **VN).content.decode()
    assert "“tea”" in dashboard
    assert client.post(f"/en/account/alerts/{theirs.pk}/", {"action": "change", "frequency": "weekly", "language": "vi"}, **VN).status_code == 302  # fmt: skip
    with schema_context(site_vn.schema_name):
        theirs.refresh_from_db()
    assert (theirs.frequency, theirs.language) == ("weekly", "vi")


@pytest.mark.django_db
def test_a_token_names_the_site_it_was_made_for(site_vn, site_id):
    with schema_context(site_vn.schema_name):
        subscription = Subscription.objects.create(email="x@example.org", language="en")
        token = links.token(site_vn, subscription, links.MANAGE)
        assert links.subscription_for(site_vn, token, links.MANAGE) == subscription
        assert links.subscription_for(site_vn, token, links.UNSUBSCRIBE) is None  # another purpose
    with schema_context(site_id.schema_name):
        assert links.subscription_for(site_id, token, links.MANAGE) is None


def _names(path: str) -> str:
    """What a signed alert link names, without its timestamp and signature."""
    return path.rstrip("/").rsplit("/", 1)[1].split(":", 1)[0]


@pytest.mark.django_db
def test_the_confirmation_email_and_the_used_link_lead_to_the_alerts_manage_page(client, site_vn):
    """The confirmation e-mail carries the manage link (to change or stop the
    alert, or undo a subscription made by mistake before confirming), as
    digests do; a used confirmation link shows the same link, and neither
    outlives the alert (tests/attack/test_tokens.py)."""
    post(client, form(q="rubber"))
    body = mail.outbox[0].body
    _host, confirm = host_and_path(link_to(body, "/alerts/confirm/"))
    _host, manage = host_and_path(link_to(body, "/alerts/manage/"))
    with schema_context(site_vn.schema_name):
        subscription = Subscription.objects.get()
        current = host_and_path(links.url(site_vn, subscription, links.MANAGE))[1]
    # Signed links carry the second they were signed in: compared by what they name.
    assert _names(manage) == _names(current)
    assert client.post(confirm, **VN).status_code == 200
    replay = client.get(confirm, **VN).content.decode()
    shown = re.search(r"https?://[^/\"]+(/en/alerts/manage/[^\"]+/)", replay)
    assert shown and _names(shown[1]) == _names(manage) and "already" in replay

    client.post(manage, {"action": "unsubscribe"}, **VN)
    assert client.get(confirm, **VN).status_code == 404
    assert client.get(manage, **VN).status_code == 410

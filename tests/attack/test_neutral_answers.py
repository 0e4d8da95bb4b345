"""Forms that take an e-mail address answer the same whether or not that
address already has an account, a registration or an alert (issue 12,
point 15): whoever types someone else's address learns nothing from the page;
the owner of the address is told by e-mail.

Each test makes the same request twice, once with an address that is new and
once with one that is known, and compares what comes back: status, redirect,
the page it leads to (the CSRF token and the typed address taken out).

What stays visible: an event's "places left" counts a new registration and
not a repeated one. That count is public on purpose (people decide by it),
and a probe that moves it has registered the address's owner, who is told by
e-mail at once, as a sign-up of their address would tell them.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from events.models import Registration
from events.services.registration import register
from tests.factories.accounts import make_member
from tests.factories.events import make_event

VN = {"HTTP_HOST": "cn-vn.localhost"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _seen(response, typed: str) -> tuple:
    """What a visitor sees of a response: its status, where it leads, and the
    text of the page it ends on, without the token and the typed address."""
    page = TOKEN.sub("", response.content.decode()).replace(typed, "ADDRESS")
    chain = [(url, status) for url, status in getattr(response, "redirect_chain", [])]
    return response.status_code, chain, page


def _answers(path: str, data: dict, new: str, known: str, **extra) -> tuple:
    """The answers to the same form posted with ``new``, then with ``known``,
    each from a fresh browser that first opened the form."""
    seen = []
    for address in (new, known):
        browser = Client()
        browser.get(path, **VN)
        response = browser.post(path, {**data, "email": address}, follow=True, **VN, **extra)
        seen.append(_seen(response, address))
    return seen[0], seen[1]


@pytest.mark.django_db
@pytest.mark.parametrize("capacity", [None, 1], ids=["open", "full"])
def test_registering_a_registered_address_reads_as_a_new_registration(
    site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks, capacity
):
    with in_site(site_vn):
        event = make_event(slug="neutral-talk", capacity=capacity, titles={"vi": "Tọa đàm"})
        # With a capacity of 1 this takes the place: both probes meet a full event.
        register(event=event, name="Lan", email="known@example.org", language="vi")
    path = "/vi/events/neutral-talk/"
    data = {"name": "Khách", "organisation": ""}

    browser = Client()
    browser.get(path, **VN)
    with django_capture_on_commit_callbacks(execute=True):
        new = _seen(
            browser.post(path, {**data, "email": "fresh@example.org"}, follow=True, **VN),
            "fresh@example.org",
        )
    with in_site(site_vn):
        # Back to the same state, so that only the address differs.
        fresh = Registration.objects.get(event=event, email="fresh@example.org")
        Registration.objects.filter(pk=fresh.pk).delete()
    browser = Client()
    browser.get(path, **VN)
    with django_capture_on_commit_callbacks(execute=True):
        known = _seen(
            browser.post(path, {**data, "email": "known@example.org"}, follow=True, **VN),
            "known@example.org",
        )

    assert new == known
    assert "ADDRESS" in new[2]  # the page says where the e-mail went
    assert "/cancel/" not in new[2]  # the cancel link travels by e-mail only
    with in_site(site_vn):
        token = Registration.objects.get(event=event, email="known@example.org").token
    assert token not in known[2]
    # Both owners hear by e-mail, the known one with their own cancel link.
    assert [m.to for m in mailoutbox] == [["fresh@example.org"], ["known@example.org"]]
    assert token in mailoutbox[1].body


@pytest.mark.django_db
def test_a_signed_in_member_registering_a_colleague_learns_nothing_either(
    site_vn, in_site, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        member = make_member(email="buyer@example.vn")
        event = make_event(slug="colleague-talk", titles={"vi": "Tọa đàm"})
        register(event=event, name="Lan", email="known@example.org", language="vi")
    path = "/vi/events/colleague-talk/"
    seen = []
    for address in ("fresh@example.org", "known@example.org"):
        browser = Client()
        with in_site(site_vn):
            browser.force_login(member.user)
        with django_capture_on_commit_callbacks(execute=True):
            response = browser.post(path, {"name": "Khách", "email": address}, follow=True, **VN)
        seen.append(_seen(response, address))
        with in_site(site_vn):
            Registration.objects.filter(event=event, email="fresh@example.org").delete()
    assert seen[0] == seen[1]


@pytest.mark.django_db
@pytest.mark.parametrize("known", ["member", "staff", "superuser"])
def test_signing_up_with_an_address_that_has_an_account_reads_as_a_new_sign_up(
    site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks, known
):
    with in_site(site_vn):
        if known == "member":
            make_member(email="known@example.org")
        elif known == "staff":
            get_user_model().objects.create_user("known@example.org", is_staff=True)
        else:
            get_user_model().objects.create_superuser("known@example.org", password=None)
    data = {
        "person_name": "Trần Văn Nam",
        "enterprise_name": "Công ty Nam",
        "description": "Hạt điều xuất khẩu",
        "country": "VN",
        "sectors": ["A"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        new, old = _answers("/vi/account/signup/", data, "fresh@example.org", "known@example.org")
    assert new == old and new[0] == 200
    assert [m.to for m in mailoutbox] == [["fresh@example.org"], ["known@example.org"]]


@pytest.mark.django_db
def test_a_password_reset_reads_the_same_for_an_unknown_address(
    site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        make_member(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        new, old = _answers("/vi/account/password/", {}, "nobody@example.org", "known@example.org")
    assert new == old
    assert [m.to for m in mailoutbox] == [["known@example.org"]]


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["pending", "active"])
def test_following_what_an_address_follows_reads_as_a_new_alert(
    site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks, state
):
    from alerts.models import Subscription

    with in_site(site_vn):
        Subscription.objects.create(
            email="known@example.org", language="vi", query="hạt điều", status=state
        )
    data = {"topic": "search", "q": "hạt điều", "frequency": "weekly", "language": "vi"}
    with django_capture_on_commit_callbacks(execute=True):
        new, old = _answers("/vi/alerts/", data, "fresh@example.org", "known@example.org")
    assert new == old and new[0] == 200
    assert [m.to for m in mailoutbox] == [["fresh@example.org"], ["known@example.org"]]


@pytest.mark.django_db
def test_a_question_from_a_members_address_reads_as_anyones(
    site_vn, in_site, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        make_member(email="known@example.org")
    data = {"name": "Khách", "country": "VN", "topic": "customs", "text": "Thuế nhập khẩu?"}
    new, old = _answers("/vi/questions/ask/", data, "fresh@example.org", "known@example.org")
    # Each question gets its own reference: the only difference allowed.
    reference = re.compile(r"Q-\d{4}-\d{5}")
    assert (new[0], new[1]) == (old[0], old[1])
    assert reference.sub("REF", new[2]) == reference.sub("REF", old[2])

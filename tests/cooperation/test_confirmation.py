"""Confirmation links: they activate a waiting sign-up once, sign nobody else in,
and the owner of the address chooses the password (no pre-hijacking)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cooperation.models import EnterpriseMember
from cooperation.services.accounts import confirmation_path
from tests.factories.accounts import make_member, make_staff

HOST = {"HTTP_HOST": "cn-vn.localhost"}
NEW_PASSWORD = {"new_password1": "mailbox-owner-pass-8", "new_password2": "mailbox-owner-pass-8"}


def sign_up(client, email="lan@example.vn", **extra) -> None:
    data = {
        "person_name": "Lan",
        "email": email,
        "enterprise_name": "Hợp tác xã Lúa",
        "country": "VN",
        "sectors": ["A"],
        **extra,
    }
    assert client.post("/vi/account/signup/", data, **HOST).status_code == 200


def link_in(mail) -> str:
    return re.search(r"http://cn-vn\.localhost(/vi/account/confirm/\S+/)", mail.body).group(1)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_valid_token_for_a_staff_account_signs_nobody_in(client, site_vn, in_site):
    # With the development key anyone can sign a token: it must still open nothing.
    with in_site(site_vn):
        admin = get_user_model().objects.create_superuser("root@example.org", password=None)
        editor = make_staff("editor")
        paths = [confirmation_path(admin), confirmation_path(editor)]

    for path in paths:
        shown = client.get(path, **HOST)
        posted = client.post(path, NEW_PASSWORD, **HOST)
        assert shown.status_code == 400 and posted.status_code == 400
        assert "This link does not work" in shown.content.decode()
    assert not signed_in(client)
    with in_site(site_vn):
        admin.refresh_from_db()
        assert not admin.has_usable_password()


@pytest.mark.django_db
def test_opening_the_link_activates_nothing_and_it_works_once(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = link_in(mailoutbox[0])

    client.get(link, **HOST)
    client.head(link, **HOST)
    with in_site(site_vn):
        user = get_user_model().objects.get(email="lan@example.vn")
        assert not user.is_active and not signed_in(client)

    assert client.post(link, NEW_PASSWORD, **HOST).status_code == 302
    client.post("/vi/account/logout/", **HOST)
    again = client.post(
        link, {"new_password1": "attacker-pass-99x", "new_password2": "attacker-pass-99x"}, **HOST
    )

    assert again.status_code == 400 and not signed_in(client)
    with in_site(site_vn):
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD["new_password1"])


@pytest.mark.django_db
def test_an_account_deactivated_by_an_administrator_stays_deactivated(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = link_in(mailoutbox[0])
    with in_site(site_vn):
        user = get_user_model().objects.get(email="lan@example.vn")
        # Confirmed and used elsewhere, then switched off by an official.
        user.is_active, user.last_login = False, timezone.now()
        user.save()

    assert client.post(link, NEW_PASSWORD, **HOST).status_code == 400
    with in_site(site_vn):
        user.refresh_from_db()
        assert not user.is_active


@pytest.mark.django_db
def test_a_link_stops_working_when_the_account_changes(client, site_vn, in_site):
    with in_site(site_vn):
        member = make_member()
        user = member.user
        user.is_active = False
        user.save()
        path = confirmation_path(user)
        user.email = "changed@example.org"
        user.save()

    assert client.get(path, **HOST).status_code == 400


@pytest.mark.django_db
def test_whoever_opens_the_mailbox_chooses_the_password_not_whoever_signed_up(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    """Pre-hijacking: an attacker signs up with the victim's address (sending a
    password along); the victim, who owns the mailbox, confirms. The account's
    password is the victim's, and the attacker's is nowhere."""
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, password="attacker-knows-this-1")
    with in_site(site_vn):
        pending = get_user_model().objects.get(email="lan@example.vn")
        assert not pending.has_usable_password()

    victim = client.__class__()
    assert victim.post(link_in(mailoutbox[-1]), NEW_PASSWORD, **HOST).status_code == 302

    attacker = client.post(
        "/vi/account/login/",
        {"username": "lan@example.vn", "password": "attacker-knows-this-1"},
        **HOST,
    )
    assert attacker.status_code == 400
    with in_site(site_vn):
        assert EnterpriseMember.objects.get(user__email="lan@example.vn").user.check_password(
            NEW_PASSWORD["new_password1"]
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("lan@example.vn", "quá giống tên hoặc địa chỉ email"),
        (" " * 12, "cần nhiều ký tự khác nhau hơn"),
        ("short", "ít nhất 10 ký tự"),
    ],
)
def test_the_chosen_password_is_checked_in_the_readers_language(
    client, site_vn, mailoutbox, django_capture_on_commit_callbacks, password, message
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)

    response = client.post(
        link_in(mailoutbox[0]), {"new_password1": password, "new_password2": password}, **HOST
    )

    assert response.status_code == 400 and message in response.content.decode()
    assert not signed_in(client)


@pytest.mark.django_db
def test_the_old_link_format_is_gone(client, site_vn):
    # The former links were plain signatures of the user id.
    assert client.get("/vi/account/confirm/eyJ1c2VyIjoxfQ:1abc:xyz/", **HOST).status_code == 404

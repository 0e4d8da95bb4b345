"""Sign-in limits: the admin's login and the site's share them, per client and
per account (django-axes), each site and the hub on its own."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

from tests.factories.accounts import PASSWORD, make_member, make_staff

VN = {"HTTP_HOST": "cn-vn.localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}
HUB = {"HTTP_HOST": "localhost"}


@pytest.fixture
def few_failures(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.PUBLIC_FORM_LIMIT = 100  # the per-account limit is what is tested


def wrong(client, path: str, username: str, host: dict, address: str = "127.0.0.1") -> int:
    return client.post(
        path, {"username": username, "password": "not-the-password"}, REMOTE_ADDR=address, **host
    ).status_code


@pytest.mark.django_db
@pytest.mark.parametrize("host", [VN, HUB])
def test_the_admin_login_is_rate_limited_per_client(
    client, site_vn, settings, host, one_rate_window
):
    """Issue 12, point 3: 14 wrong passwords in a row all answered 200."""
    settings.PUBLIC_FORM_LIMIT = 3
    codes = [wrong(client, "/admin/login/", f"user{n}@example.org", host) for n in range(4)]

    assert codes[:3] == [200, 200, 200] and codes[3] == 429


@pytest.mark.django_db
def test_the_admin_and_the_site_share_one_per_client_limit(
    client, site_vn, settings, one_rate_window
):
    settings.PUBLIC_FORM_LIMIT = 3
    for n in range(3):
        wrong(client, "/admin/login/", f"user{n}@example.org", VN)

    response = client.post(
        "/vi/account/login/", {"username": "x@example.org", "password": "y"}, **VN
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_an_account_is_locked_after_failures_from_any_client_in_any_form(
    client, site_vn, in_site, few_failures
):
    with in_site(site_vn):
        make_member(email="buyer@example.org", language="vi")
        editor = make_staff("editor")
    # Failures from three different clients, through the admin and the site.
    wrong(client, "/admin/login/", "Buyer@Example.org ", VN, "127.0.0.2")
    wrong(client, "/vi/account/login/", "buyer@example.org", VN, "127.0.0.3")
    wrong(client, "/admin/login/", "buyer@example.org", VN, "127.0.0.4")

    # Now even the right password, from yet another client, is refused.
    locked = client.post(
        "/vi/account/login/",
        {"username": "buyer@example.org", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.5",
        **VN,
    )
    admin_locked = client.post(
        "/admin/login/?next=/admin/",
        {"username": "buyer@example.org", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.6",
        **VN,
    )
    other_account = client.post(
        "/admin/login/?next=/admin/",
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.5",
        **VN,
    )

    assert locked.status_code == 429 and admin_locked.status_code == 429
    assert "Quá nhiều lần đăng nhập sai" in locked.content.decode()
    assert "_auth_user_id" not in client.session or other_account.status_code == 302
    assert other_account.status_code == 302  # someone else's sign-in goes on


@pytest.mark.django_db
def test_a_lockout_on_one_site_does_not_lock_the_same_address_on_another(
    client, site_vn, site_id, in_site, few_failures
):
    for site in (site_vn, site_id):
        with in_site(site):
            make_member(email="both@example.org")
    for _ in range(3):
        wrong(client, "/vi/account/login/", "both@example.org", VN)

    on_vn = client.post(
        "/vi/account/login/", {"username": "both@example.org", "password": PASSWORD}, **VN
    )
    on_id = client.post(
        "/id/account/login/", {"username": "both@example.org", "password": PASSWORD}, **ID
    )

    assert on_vn.status_code == 429 and on_id.status_code == 302
    with in_site(site_vn):
        assert AccessAttempt.objects.filter(username="both@example.org").exists()
    with in_site(site_id):
        assert not AccessAttempt.objects.filter(username="both@example.org").exists()
    assert not AccessAttempt.objects.filter(username="both@example.org").exists()  # the hub's


@pytest.mark.django_db
def test_coordinators_on_the_hub_are_locked_out_too(client, few_failures):
    get_user_model().objects.create_user("coord@example.org", password=PASSWORD, is_staff=True)
    for _ in range(3):
        wrong(client, "/admin/login/", "coord@example.org", HUB)

    response = client.post(
        "/admin/login/?next=/admin/", {"username": "coord@example.org", "password": PASSWORD}, **HUB
    )

    assert response.status_code == 429
    assert AccessAttempt.objects.filter(username="coord@example.org").exists()


@pytest.mark.django_db
def test_a_password_reset_ends_the_lockout(
    client, site_vn, in_site, few_failures, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        make_member(email="forgetful@example.org")
    for _ in range(3):
        wrong(client, "/vi/account/login/", "forgetful@example.org", VN)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/vi/account/password/", {"email": "forgetful@example.org"}, **VN)
    path = re.search(r"http://cn-vn\.localhost(/vi/account/password/\S+/)", mailoutbox[0].body)
    form = client.get(path.group(1), follow=True, **VN).redirect_chain[-1][0]
    new = "a-brand-new-secret-9"
    client.post(form, {"new_password1": new, "new_password2": new}, **VN)

    response = client.post(
        "/vi/account/login/", {"username": "forgetful@example.org", "password": new}, **VN
    )

    assert response.status_code == 302


@pytest.mark.django_db
def test_reset_e_mails_to_one_address_are_limited_whoever_asks(
    client, site_vn, in_site, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_MAIL_LIMIT = 2
    with in_site(site_vn):
        make_member(email="target@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(
                "/vi/account/password/",
                {"email": "target@example.org"},
                REMOTE_ADDR=f"127.0.0.{n}",
                **VN,
            ).status_code
            for n in range(2, 6)
        ]

    assert answers == [302] * 4  # the page says the same every time
    assert len(mailoutbox) == 2

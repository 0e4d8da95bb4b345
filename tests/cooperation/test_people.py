"""A site's administrators give people roles from the workspace: an e-mail
address, a role, and the person is invited by e-mail to choose a password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.roles import ROLES
from tests.factories.accounts import make_staff
from translations.services.staff import staff_addresses

HOST = {"HTTP_HOST": "cn-vn.localhost"}
User = get_user_model()


@pytest.fixture
def site_admin(client, site_vn, in_site):
    with in_site(site_vn):
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        client.force_login(admin)
    return admin


def roles_of(site, in_site, email: str) -> set[str]:
    with in_site(site):
        user = User.objects.get(username=email)
        return {*user.groups.values_list("name", flat=True), *(["staff"] if user.is_staff else [])}


@pytest.mark.django_db
def test_an_administrator_invites_a_translator_who_chooses_a_password(
    client, site_vn, in_site, site_admin, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_URL_PORT = "8443"
    page = client.get("/vi/editor/people/", **HOST).content.decode()
    assert "<h1>Thành viên và vai trò</h1>" in page

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/vi/editor/people/",
            {"email": " Lan.Tran@Example.org ", "role": "translator", "language": "zh-hans"},
            **HOST,
        )

    assert sent.status_code == 302 and sent["Location"] == "/vi/editor/people/"
    assert roles_of(site_vn, in_site, "lan.tran@example.org") == {"Translators", "staff"}
    (invitation,) = mailoutbox
    assert invitation.to == ["lan.tran@example.org"]
    assert "译员" in invitation.subject  # the role, in the language chosen
    link = re.search(
        r"http://cn-vn\.localhost:8443/zh-hans/account/password/\S+/\S+/", invitation.body
    )
    assert link, invitation.body
    listed = client.get("/vi/editor/people/", **HOST).content.decode()
    assert "lan.tran@example.org" in listed and "Biên dịch viên" in listed
    assert "Chưa đăng nhập lần nào" in listed  # no password chosen yet
    # Their work e-mails are in the invitation's language until they sign in.
    assert "lan.tran@example.org" in staff_addresses(site_vn, ["events.change_event"])["zh-hans"]

    # The link lets them choose a password once, on their site.
    client.logout()
    path = link.group(0).removeprefix("http://cn-vn.localhost:8443")
    form = client.get(path, **HOST, follow=True)
    chosen = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "hanoi-jakarta-2027", "new_password2": "hanoi-jakarta-2027"},
        **HOST,
    )
    assert chosen.status_code == 302
    # Signing in through the page (django-axes refuses Client.login(), which sends no request).
    client.logout()
    signed_in = client.post(
        "/zh-hans/account/login/",
        {"username": "lan.tran@example.org", "password": "hanoi-jakarta-2027"},
        **HOST,
    )
    with in_site(site_vn):
        lan = User.objects.get(username="lan.tran@example.org")
    assert signed_in.status_code == 302 and client.session["_auth_user_id"] == str(lan.pk)
    assert client.get(path, **HOST, follow=True).context["validlink"] is False  # used up


@pytest.mark.django_db
def test_the_checklists_translator_item_links_to_the_invitation(
    client, site_vn, in_site, site_admin
):
    from tenants.services import launch as launching

    with in_site(site_vn):
        step = next(i for i in launching.checklist(site_vn) if i.step.key == "translator")
    assert step.url.endswith("/editor/people/#invite")


@pytest.mark.django_db
def test_someone_with_an_account_gets_the_new_role_and_keeps_their_password(
    client, site_vn, in_site, site_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        translator = make_staff("translator")
        old_password = translator.password

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/editor/people/",
            {"email": translator.username.upper(), "role": "editor", "language": "en"},
            **HOST,
        )

    assert roles_of(site_vn, in_site, translator.username) == {"Translators", "Editors", "staff"}
    with in_site(site_vn):
        assert User.objects.get(pk=translator.pk).password == old_password
    (mail,) = mailoutbox
    assert "account/password/" not in mail.body and "/en/editor/" in mail.body


@pytest.mark.django_db
def test_a_role_is_withdrawn_only_after_a_confirmation_in_the_readers_language(
    client, site_vn, in_site, site_admin
):
    with in_site(site_vn):
        editor = make_staff("editor")
    confirm = f"/vi/editor/people/{editor.pk}/withdraw/editor/"

    # The list links to the question; it withdraws nothing itself.
    listing = client.get("/vi/editor/people/", **HOST).content.decode()
    assert f'href="{confirm}"' in listing
    assert 'name="withdraw"' not in listing
    # A form posted from a page left open since before asks too.
    posted = client.post("/vi/editor/people/", {"withdraw": "editor", "person": editor.pk}, **HOST)
    assert posted.status_code == 302 and posted["Location"] == confirm
    assert "Editors" in roles_of(site_vn, in_site, editor.username)

    question = client.get(confirm, **HOST)
    html = question.content.decode()
    assert question.status_code == 200
    assert f"Thu hồi vai trò Biên tập viên của {editor.username}?" in html
    assert "không còn vào được" in html  # their last role: what they lose
    assert "Editors" in roles_of(site_vn, in_site, editor.username)

    done = client.post(confirm, **HOST)

    assert done.status_code == 302 and done["Location"] == "/vi/editor/people/"
    assert roles_of(site_vn, in_site, editor.username) == set()  # and no longer staff
    # Replayed, the link finds no such role any more.
    assert client.post(confirm, **HOST).status_code == 404
    assert client.get(confirm, **HOST).status_code == 404


@pytest.mark.django_db
def test_an_administrators_own_role_and_odd_addresses_are_refused(
    client, site_vn, site_id, in_site, site_admin
):
    own = f"/en/editor/people/{site_admin.pk}/withdraw/admin/"
    page = client.get(own, **HOST).content.decode()
    assert "You cannot withdraw your own administrator role." in page
    assert client.post(own, **HOST).status_code == 400
    with in_site(site_vn):
        assert User.objects.get(pk=site_admin.pk).is_superuser
        editor = make_staff("editor")
    for path in (
        f"/en/editor/people/{editor.pk}/withdraw/translator/",  # a role they do not hold
        f"/en/editor/people/{editor.pk}/withdraw/enterprise/",
        f"/en/editor/people/{editor.pk}/withdraw/superuser/",
        f"/en/editor/people/{editor.pk}/withdraw/editor%00/",
        f"/en/editor/people/{editor.pk + 10_000}/withdraw/editor/",
        f"/en/editor/people/{'9' * 30}/withdraw/editor/",
    ):
        assert client.post(path, **HOST).status_code == 404, path
    # Another site's administrator, and an editor, are not asked: refused.
    with in_site(site_id):
        client.force_login(User.objects.filter(is_superuser=True).first())
    confirm = f"/en/editor/people/{editor.pk}/withdraw/editor/"
    assert client.post(confirm, **HOST).status_code == 302  # to this site's sign-in
    with in_site(site_vn):
        client.force_login(make_staff("editor"))
    assert client.post(confirm, **HOST).status_code == 403
    assert "Editors" in roles_of(site_vn, in_site, editor.username)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "nobody", "role": "editor"}, "Enter a valid email address"),
        ({"email": "a\x00b@example.org", "role": "editor"}, "Null characters are not allowed"),
        ({"email": "x" * 250 + "@example.org", "role": "editor"}, "at most 150 characters"),
        # A valid address, longer than an account's name holds.
        ({"email": "x" * 140 + "@example.org", "role": "editor"}, "at most 150 characters"),
        ({"email": "ok@example.org", "role": "superuser"}, "Select a valid choice"),
        ({"email": "ok@example.org", "role": "enterprise"}, "Select a valid choice"),
        ({"email": ["a@example.org", "b@example.org"], "role": "editor"}, "one value for each"),
        ({"email": "ok@example.org", "role": "editor", "language": "xx"}, "Select a valid choice"),
        ({"withdraw": "editor", "person": "'; drop table"}, ""),
        ({"withdraw": "nonsense", "person": "1"}, ""),
    ],
)
def test_bad_requests_come_back_readable_and_change_nothing(
    client, site_vn, in_site, site_admin, data, message
):
    data = {"language": "en", **data}
    with in_site(site_vn):
        before = User.objects.count()

    response = client.post("/en/editor/people/", data, **HOST)

    assert response.status_code == 400
    assert message in response.content.decode()
    with in_site(site_vn):
        assert User.objects.count() == before
        assert not User.objects.filter(username="ok@example.org").exists()


@pytest.mark.django_db
def test_only_the_sites_administrators_open_the_page(client, site_vn, site_id, in_site):
    assert client.get("/en/editor/people/", **HOST)["Location"].startswith("/en/account/login/")
    with in_site(site_vn):
        client.force_login(make_staff("editor"))
    assert client.get("/en/editor/people/", **HOST).status_code == 403
    assert (
        client.post(
            "/en/editor/people/", {"email": "x@example.org", "role": "editor"}, **HOST
        ).status_code
        == 403
    )
    # Another site's administrator is nobody here.
    with in_site(site_id):
        other = User.objects.filter(is_superuser=True).order_by("pk").first()
        client.force_login(other)
    assert client.get("/en/editor/people/", HTTP_HOST="cn-id.localhost").status_code == 200
    response = client.get("/en/editor/people/", **HOST)
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_the_list_costs_the_same_whatever_the_number_of_people(
    client, site_vn, in_site, site_admin
):
    client.get("/en/editor/people/", **HOST)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/editor/people/", **HOST).status_code == 200
        return len(captured)

    few = queries()
    with in_site(site_vn):
        for role in [*ROLES][:3] * 4:
            make_staff(role)
    assert queries() == few


@pytest.mark.django_db
def test_the_admins_add_user_leads_to_the_invitation(client, site_vn, in_site, site_admin):
    """Django's own form would ask for a user name and a password nobody is
    told; accounts here are named by their e-mail and choose their password."""
    response = client.get("/admin/auth/user/add/", HTTP_ACCEPT_LANGUAGE="vi", **HOST)

    assert response.status_code == 302
    assert response["Location"].endswith("/editor/people/#invite")
    with in_site(site_vn):
        before = User.objects.count()
    client.post("/admin/auth/user/add/", {"username": "bob", "password1": "x"}, **HOST)
    with in_site(site_vn):
        assert User.objects.count() == before

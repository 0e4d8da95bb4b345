"""A staff member chooses the language of the e-mails about their work on
their account page; it holds whatever language they sign in with, and every
staff e-mail reads it (``translations.services.staff.email_languages``)."""

import pytest
from django.core import mail as outbox
from django.test import Client

from tests.factories.accounts import PASSWORD, make_member, make_staff
from translations.models import StaffLanguage
from translations.services.staff import email_languages, staff_addresses

VN = {"HTTP_HOST": "cn-vn.localhost"}


def sign_in(client: Client, user, language: str) -> None:
    response = client.post(
        f"/{language}/account/login/", {"username": user.username, "password": PASSWORD}, **VN
    )
    assert response.status_code == 302


@pytest.fixture
def editor(site_vn, in_site):
    with in_site(site_vn):
        user = make_staff("editor")
        user.email = user.username
        user.save()
    return user


@pytest.mark.django_db
def test_the_account_page_shows_the_current_language_among_the_sites_in_their_own_names(
    client, site_vn, editor
):
    sign_in(client, editor, "vi")
    page = client.get("/zh-hans/account/", **VN).content.decode()

    assert "邮件语言" in page  # "Language of your e-mails"
    assert '<option value="vi" selected>Tiếng Việt</option>' in page
    assert (
        '<option value="zh-hans">简体中文</option>' in page
        and '<option value="en">English</option>' in page
    )
    assert 'value="ko"' not in page  # not one of the site's languages


@pytest.mark.django_db
def test_a_chosen_language_holds_when_signing_in_in_another(client, site_vn, in_site, editor):
    sign_in(client, editor, "vi")
    response = client.post("/vi/account/e-mail-language/", {"language": "zh-hans"}, **VN)
    assert response.status_code == 302 and response["Location"] == "/vi/account/"
    page = client.get("/vi/account/", **VN).content.decode()
    assert "简体中文" in page and '<option value="zh-hans" selected>' in page

    client.logout()
    sign_in(client, editor, "en")

    with in_site(site_vn):
        assert email_languages(site_vn, [editor.pk]) == {editor.pk: "zh-hans"}
        assert StaffLanguage.objects.get(user=editor).chosen
    addresses = staff_addresses(site_vn, ["cooperation.change_opportunity"])
    assert editor.email in addresses["zh-hans"]
    assert all(
        editor.email not in people for lang, people in addresses.items() if lang != "zh-hans"
    )


@pytest.mark.django_db
def test_without_a_choice_the_last_sign_in_language_still_counts(client, site_vn, in_site, editor):
    sign_in(client, editor, "vi")
    client.logout()
    sign_in(client, editor, "en")
    with in_site(site_vn):
        assert email_languages(site_vn, [editor.pk]) == {editor.pk: "en"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"language": "ko"},  # not the site's
        {"language": "xx"},
        {"language": "vi\x00"},
        {"language": "v" * 5000},
        {"language": ["vi", "en"]},
        {},
    ],
    ids=["other-site-language", "unknown", "nul", "long", "array", "empty"],
)
def test_bad_choices_come_back_readably_and_change_nothing(client, site_vn, in_site, editor, data):
    sign_in(client, editor, "vi")
    response = client.post("/vi/account/e-mail-language/", data, **VN)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errorlist' in page or "errorlist" in page
    with in_site(site_vn):
        assert not StaffLanguage.objects.filter(user=editor, chosen=True).exists()


@pytest.mark.django_db
def test_members_and_strangers_cannot_use_it(client, site_vn, in_site):
    anonymous = client.post("/vi/account/e-mail-language/", {"language": "vi"}, **VN)
    assert anonymous.status_code == 302 and "/vi/account/login/" in anonymous["Location"]
    with in_site(site_vn):
        member = make_member().user
    sign_in(client, member, "vi")
    assert client.post("/vi/account/e-mail-language/", {"language": "en"}, **VN).status_code == 403
    assert client.get("/vi/account/e-mail-language/", **VN).status_code == 403
    other = client.post(
        "/id/account/e-mail-language/", {"language": "id"}, HTTP_HOST="cn-id.localhost"
    )
    assert other.status_code == 302 and "login" in other["Location"]  # not signed in there
    assert not outbox.outbox

"""Enterprise accounts: sign-up, confirmation, sign-in and the profile."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from cooperation.models import Enterprise, EnterpriseMember
from cooperation.services.accounts import approve_enterprises, confirmation_path
from tests.factories.accounts import PASSWORD, make_member
from tests.factories.files import fake, png

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def signup_data(**overrides) -> dict:
    data = {
        "person_name": "Trần Mai",
        "email": "Mai@Example.com",
        "enterprise_name": "Công ty Gốm Bát Tràng",
        "country": "VN",
        "sectors": ["C"],
        "homepage": "battrang.example.vn",
        "description": "Gốm sứ thủ công xuất khẩu.",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_sign_up_confirm_and_be_listed(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vi/account/signup/", {**signup_data(), "logo": png()}, **HOST)

    assert response.status_code == 200
    assert "Hãy kiểm tra email" in response.content.decode()
    with in_site(site_vn):
        member = EnterpriseMember.objects.select_related("user", "enterprise").get(
            user__email="mai@example.com"
        )
        assert not member.user.is_active and not member.enterprise.is_listed
        assert member.enterprise.name_vi == "Công ty Gốm Bát Tràng" and member.language == "vi"
        assert member.enterprise.logo.name.startswith("site_cn_vn/logos/")
        assert member.user.groups.filter(name="Enterprise members").exists()
    assert "Công ty Gốm" not in client.get("/vi/enterprises/", **HOST).content.decode()
    assert client.get("/vi/search/?q=gom bat trang", **HOST).context["results"] == []
    (mail,) = mailoutbox
    assert mail.to == ["mai@example.com"] and mail.extra_headers["Content-Language"] == "vi"
    assert "Xác nhận tài khoản" in mail.subject
    link = re.search(r"http://cn-vn\.localhost(/vi/account/confirm/\S+/)", mail.body).group(1)

    page = client.get(link, **HOST)  # shows the sign-up; activates nothing by itself
    assert page.status_code == 200 and "Công ty Gốm Bát Tràng" in page.content.decode()
    with in_site(site_vn):
        member.user.refresh_from_db()
        assert not member.user.is_active
    password = {"new_password1": "long-enough-pass-42", "new_password2": "long-enough-pass-42"}
    confirmed = client.post(link, password, **HOST)

    assert confirmed.status_code == 302 and confirmed["Location"] == "/vi/account/"
    with in_site(site_vn):
        member.user.refresh_from_db()
        assert member.user.is_active and member.user.check_password("long-enough-pass-42")
    # The site reviews new enterprises (the default): not listed until an editor approves.
    waiting = client.get("/vi/account/", **HOST).content.decode()
    assert "Doanh nghiệp của bạn đang chờ biên tập viên duyệt" in waiting
    assert "Công ty Gốm" not in client.get("/vi/enterprises/", **HOST).content.decode()
    assert client.get(link, **HOST).status_code == 400  # used once: the link is spent
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        assert approve_enterprises(Enterprise.objects.all()) == 1
    assert mailoutbox[-1].to == ["mai@example.com"]
    assert "Biên tập viên đã duyệt “Công ty Gốm Bát Tràng”" in mailoutbox[-1].body
    assert "Công ty Gốm Bát Tràng" in client.get("/vi/enterprises/", **HOST).content.decode()
    found = client.get("/vi/search/?q=gom bat trang", **HOST).context["results"]
    assert [result.title for result in found] == ["Công ty Gốm Bát Tràng"]
    public_page = client.get(f"/vi/enterprises/{member.enterprise.slug}/", **HOST)
    assert "mai@example.com" not in public_page.content.decode()  # only matches see it
    dashboard = client.get("/vi/account/", **HOST).content.decode()
    assert "Yêu cầu chờ bạn trả lời" in dashboard


@pytest.mark.django_db
def test_a_confirmation_link_opens_nothing_on_another_site(client, site_vn, site_id, in_site):
    with in_site(site_vn):
        vn_member = make_member()
        vn_member.user.is_active = False
        vn_member.user.save()
        path = confirmation_path(vn_member.user)
    with in_site(site_id):
        # Same primary key on the other site: ids are per schema.
        other = get_user_model().objects.create_user(
            "id-user@example.org", "id-user@example.org", is_active=False
        )

    response = client.get(path.replace("/en/", "/id/"), HTTP_HOST="cn-id.localhost")

    assert response.status_code == 400
    with in_site(site_id):
        other.refresh_from_db()
        assert not other.is_active


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"enterprise_name": "x" * 10_000}, "enterprise_name", "tối đa 200 kí tự"),
        ({"email": "not-an-address"}, "email", "Nhập địa chỉ email."),
        # A valid address, longer than an account's name holds (150).
        ({"email": "a" * 160 + "@example.org"}, "email", "tối đa 150 kí tự"),
        ({"sectors": ["Z"]}, "sectors", "Hãy chọn một lựa chọn hợp lệ"),
        ({"logo": "html"}, "logo", "Hãy tải lên ảnh JPEG, PNG hoặc WebP."),
        ({"logo": "svg"}, "logo", "Hãy tải lên ảnh JPEG, PNG hoặc WebP."),
        ({"logo": "huge"}, "logo", "tối đa được chấp nhận là 5,0"),
    ],
)
def test_bad_sign_up_re_renders_in_the_users_language_and_creates_nothing(
    client, site_vn, in_site, overrides, field, message
):
    uploads = {
        "html": fake("logo.png", b"<html><script>alert(1)</script></html>", "image/png"),
        "svg": fake(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        "huge": fake("logo.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 1), "image/png"),
    }
    if "logo" in overrides:
        overrides["logo"] = uploads[overrides["logo"]]

    response = client.post("/vi/account/signup/", signup_data(**overrides), **HOST)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    with in_site(site_vn):
        assert not get_user_model().objects.filter(email="mai@example.com").exists()
        assert not Enterprise.objects.filter(name_vi="Công ty Gốm Bát Tràng").exists()


@pytest.mark.django_db
def test_an_address_can_sign_up_once_per_site_and_the_page_does_not_say_so(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        existing = make_member(email="mai@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vi/account/signup/", signup_data(), **HOST)

    # The same page as for a new address; the owner hears of it by e-mail.
    assert response.status_code == 200 and "Hãy kiểm tra email" in response.content.decode()
    (mail,) = mailoutbox
    assert mail.to == ["mai@example.com"] and "/vi/account/login/" in mail.body
    with in_site(site_vn):
        assert get_user_model().objects.filter(email="mai@example.com").count() == 1
        assert not Enterprise.objects.filter(name_vi="Công ty Gốm Bát Tràng").exists()
        existing.user.refresh_from_db()
        assert existing.user.check_password(PASSWORD) and existing.user.is_active


@pytest.mark.django_db
def test_sign_in_and_out(client, site_vn, in_site):
    with in_site(site_vn):
        make_member(email="buyer@example.org")

    wrong = client.post(
        "/vi/account/login/", {"username": "buyer@example.org", "password": "nope"}, **HOST
    )
    right = client.post(
        "/vi/account/login/", {"username": "BUYER@example.org ", "password": PASSWORD}, **HOST
    )

    assert wrong.status_code == 400 and wrong.context["form"].non_field_errors()
    assert right.status_code == 302 and right["Location"] == "/vi/account/"
    assert "Đăng xuất" in client.get("/vi/", **HOST).content.decode()
    client.post("/vi/account/logout/", **HOST)
    assert client.get("/vi/account/", **HOST).status_code == 302


@pytest.mark.django_db
@override_settings(PUBLIC_FORM_LIMIT=2)
def test_sign_in_attempts_are_rate_limited(client, site_vn, one_rate_window):
    attempts = [
        client.post("/vi/account/login/", {"username": "a@example.org", "password": "x"}, **HOST)
        for _ in range(3)
    ]

    assert [a.status_code for a in attempts] == [400, 400, 429]
    assert "Quá nhiều lần thử" in attempts[-1].content.decode()


@pytest.mark.django_db
def test_profile_is_edited_in_the_page_language(client, site_vn, in_site):
    with in_site(site_vn):
        member = make_member(language="vi")
        client.force_login(member.user)
    form = client.get("/zh-hans/account/profile/", **HOST).content.decode()
    assert 'name="website"' in form and "form__trap" not in form  # a real field here

    response = client.post(
        "/zh-hans/account/profile/",
        {
            "name": "芒街陶瓷公司",
            "description": "手工陶瓷",
            "products": "",
            "country": "VN",
            "sectors": ["C"],
            "website": "",
            "public_email": "sales@example.vn",
            "language": "zh-hans",
        },
        **HOST,
    )

    assert response.status_code == 302
    with in_site(site_vn):
        member.refresh_from_db()
        member.enterprise.refresh_from_db()
        assert member.enterprise.name_zh_hans == "芒街陶瓷公司"
        assert member.enterprise.name_en.startswith("Enterprise ")  # other language untouched
        assert member.language == "zh-hans"
        assert member.enterprise.email == "sales@example.vn"


@pytest.mark.django_db
def test_deleting_a_site_user_removes_the_membership_and_a_hub_user_deletes_cleanly(
    site_vn, in_site
):
    with in_site(site_vn):
        member = make_member()
        enterprise = member.enterprise
        member.user.delete()
        assert not EnterpriseMember.objects.filter(pk=member.pk).exists()
        assert Enterprise.objects.filter(pk=enterprise.pk).exists()
    hub_user = get_user_model().objects.create_user("coordinator@example.org")

    hub_user.delete()  # would query the missing membership table if the key cascaded

    assert not get_user_model().objects.filter(username="coordinator@example.org").exists()


@pytest.mark.django_db
def test_a_forgotten_password_is_replaced_through_a_link_in_the_users_language(
    client, site_vn, site_id, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        member = make_member(email="forgetful@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/vi/account/password/", {"email": "forgetful@example.org"}, **HOST)
        unknown = client.post("/vi/account/password/", {"email": "nobody@example.org"}, **HOST)

    assert sent.status_code == 302 and unknown.status_code == 302  # no hint who has an account
    (mail,) = mailoutbox
    assert mail.subject == f"Mật khẩu mới cho {site_vn.name}"
    path = re.search(r"http://cn-vn\.localhost(/vi/account/password/\S+/)", mail.body).group(1)
    # The link is for this site only.
    elsewhere = client.get(path.replace("/vi/", "/en/"), HTTP_HOST="cn-id.localhost", follow=True)
    assert elsewhere.context["validlink"] is False
    form_page = client.get(path, follow=True, **HOST)
    short = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "abc", "new_password2": "abc"}, **HOST
    )
    assert "Mật khẩu phải có ít nhất 10 ký tự." in short.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-secret-9", "new_password2": "a-brand-new-secret-9"},
        **HOST,
    )

    assert done.status_code == 302
    with in_site(site_vn):
        member.user.refresh_from_db()
        assert member.user.check_password("a-brand-new-secret-9")


@pytest.mark.django_db
def test_signing_up_again_replaces_a_sign_up_never_confirmed_and_its_files(
    client, site_vn, in_site, settings, django_capture_on_commit_callbacks
):
    from pathlib import Path

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            "/vi/account/signup/",
            {**signup_data(enterprise_name="Tên cũ"), "logo": png()},
            **HOST,
        )
    with in_site(site_vn):
        old_logo = Path(settings.MEDIA_ROOT) / Enterprise.objects.get(name_vi="Tên cũ").logo.name
    assert old_logo.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post("/vi/account/signup/", signup_data(), **HOST)

    assert first.status_code == 200 and second.status_code == 200
    with in_site(site_vn):
        member = EnterpriseMember.objects.get(user__email="mai@example.com")
        assert member.enterprise.name_vi == "Công ty Gốm Bát Tràng"
        assert not Enterprise.objects.filter(name_vi="Tên cũ").exists()
    assert not old_logo.exists()


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="tests.mail_failure.UnreachableServer")
def test_a_mail_server_that_is_down_does_not_turn_a_saved_sign_up_into_an_error(
    client, site_vn, in_site, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vi/account/signup/", signup_data(), **HOST)

    assert response.status_code == 200 and "Hãy kiểm tra email" in response.content.decode()
    with in_site(site_vn):
        assert EnterpriseMember.objects.filter(user__email="mai@example.com").exists()
    assert "mail server unreachable" in caplog.text  # logged for the operators


@pytest.mark.django_db
def test_a_bad_profile_re_renders_in_the_users_language_and_keeps_the_old_one(
    client, site_vn, in_site
):
    with in_site(site_vn):
        member = make_member(language="vi")
        client.force_login(member.user)
    svg = fake("logo.svg", b"<svg onload='alert(1)'></svg>", "image/svg+xml")

    response = client.post(
        "/vi/account/profile/",
        {"name": "x" * 10_000, "country": "VN", "sectors": ["A"], "language": "vi", "logo": svg},
        **HOST,
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "tối đa 200 kí tự" in " ".join(errors["name"])
    assert "Hãy tải lên ảnh JPEG, PNG hoặc WebP." in " ".join(errors["logo"])
    with in_site(site_vn):
        member.enterprise.refresh_from_db()
        assert member.enterprise.name_en.startswith("Enterprise ") and not member.enterprise.logo


@pytest.mark.django_db
def test_closing_the_last_account_of_an_enterprise_takes_it_out_of_view(client, site_vn, in_site):
    import datetime

    from django.utils import timezone

    from cooperation.models import MatchRequest, Opportunity

    with in_site(site_vn):
        member = make_member(language="vi")
        enterprise = member.enterprise
        enterprise.is_listed = True
        enterprise.save()
        listing = Opportunity.objects.create(
            kind="supply", title_vi="Tiêu đen", description_vi="Loại 1", sector="A",
            country="VN", valid_until=timezone.localdate() + datetime.timedelta(days=9),
            company="X", contact_name="Y", contact_email="y@example.org", language="vi",
            status="approved", enterprise=enterprise,
        )  # fmt: skip
        other = make_member()
        request = MatchRequest.objects.create(
            kind="meeting", sender=enterprise, recipient=other.enterprise, message="Hi"
        )
        client.force_login(member.user)

    wrong = client.post("/vi/account/close/", {"password": "not-it"}, **HOST)
    closed = client.post("/vi/account/close/", {"password": PASSWORD}, follow=True, **HOST)

    assert wrong.status_code == 400 and "Mật khẩu không đúng." in wrong.content.decode()
    assert "Tài khoản của bạn đã được đóng: thông tin đăng nhập" in closed.content.decode()
    with in_site(site_vn):
        assert not get_user_model().objects.filter(pk=member.user.pk).exists()
        enterprise.refresh_from_db()
        listing.refresh_from_db()
        request.refresh_from_db()
        assert not enterprise.is_listed
        assert (listing.status, request.status) == ("withdrawn", "withdrawn")
    assert client.get("/vi/account/", **HOST).status_code == 302  # signed out


@pytest.mark.django_db
def test_closing_one_of_two_accounts_leaves_the_enterprise_listed(client, site_vn, in_site):
    with in_site(site_vn):
        first = make_member()
        second = make_member(first.enterprise)
        client.force_login(first.user)

    client.post("/en/account/close/", {"password": PASSWORD}, **HOST)

    with in_site(site_vn):
        first.enterprise.refresh_from_db()
        assert first.enterprise.is_listed
        assert list(first.enterprise.members.all()) == [second]


@pytest.mark.django_db
def test_a_site_without_review_lists_at_once_marked_not_yet_verified(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    site_vn.enterprise_review = False
    site_vn.save(update_fields=["enterprise_review"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/vi/account/signup/", signup_data(), **HOST)
    link = re.search(r"http://cn-vn\.localhost(/vi/account/confirm/\S+/)", mailoutbox[-1].body)

    password = {"new_password1": "long-enough-pass-42", "new_password2": "long-enough-pass-42"}
    assert client.post(link.group(1), password, **HOST).status_code == 302
    directory = client.get("/vi/enterprises/", **HOST).content.decode()

    assert "Công ty Gốm Bát Tràng" in directory and "Chưa xác minh" in directory


@pytest.mark.django_db
@pytest.mark.parametrize("review", [True, False])
def test_every_step_of_a_sign_up_says_the_same_about_when_it_is_listed(
    client, site_vn, mailoutbox, django_capture_on_commit_callbacks, review
):
    """On a site whose editors approve enterprises, the page after sending,
    the e-mail and the confirmation page said the enterprise then appears in
    the directory, and the first also that an editor checks it first
    (newcomer walk-through, session 27)."""
    site_vn.enterprise_review = review
    site_vn.save(update_fields=["enterprise_review"])
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/en/account/signup/", signup_data(), **HOST)
    (mail,) = mailoutbox
    link = re.search(r"http://cn-vn\.localhost(/en/account/confirm/\S+/)", mail.body).group(1)
    confirming = client.get(link, **HOST)

    for said in (sent.content.decode(), mail.body, confirming.content.decode()):
        assert ("enterprise then appears in the directory" in said) is not review, said
        assert ("An editor then checks your enterprise" in said) is review, said


@pytest.mark.django_db
def test_the_dashboard_links_to_the_public_page_only_once_there_is_one(client, site_vn, in_site):
    """While its enterprise waits for approval, "Public page" led to a 404
    (newcomer walk-through, session 27)."""
    with in_site(site_vn):
        member = make_member()
        enterprise = member.enterprise
        enterprise.is_listed, enterprise.awaiting_review = False, True
        enterprise.save()
        client.force_login(member.user)
    public = f'href="/en/enterprises/{enterprise.slug}/"'

    waiting = client.get("/en/account/", **HOST).content.decode()
    with in_site(site_vn):
        approve_enterprises(Enterprise.objects.filter(pk=enterprise.pk))
    listed = client.get("/en/account/", **HOST).content.decode()

    assert public not in waiting and "waiting for an editor's approval" in waiting
    assert public in listed
    assert client.get(f"/en/enterprises/{enterprise.slug}/", **HOST).status_code == 200

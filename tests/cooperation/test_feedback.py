"""Members find their forms filled in, their questions on the dashboard and
the password rules before they type."""

import re

import pytest

from cooperation.services.questions import ask
from tests.factories.accounts import make_member

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def confirmation_link(client, mail, host: str, language: str) -> str:
    return re.search(rf"http://{host}(/{language}/account/confirm/\S+/)", mail.body).group(1)


def sign_up(client, host: str, language: str, country: str) -> None:
    data = {
        "person_name": "Lan",
        "email": "lan@example.org",
        "enterprise_name": "Hợp tác xã Lúa",
        "country": country,
        "sectors": ["A"],
    }
    assert client.post(f"/{language}/account/signup/", data, HTTP_HOST=host).status_code == 200


@pytest.mark.django_db
def test_password_rules_are_shown_beside_the_field_before_typing(
    client, site_vn, mailoutbox, django_capture_on_commit_callbacks
):
    # The password is chosen on the confirmation page (the address's owner chooses it).
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "cn-vn.localhost", "vi", "VN")
    page = client.get(confirmation_link(client, mailoutbox[0], "cn-vn.localhost", "vi"), **HOST)
    page = page.content.decode()

    assert 'aria-describedby="id_new_password1_helptext"' in page
    help_text = page.split('id="id_new_password1_helptext"')[1].split("</small>")[0]
    assert "10" in help_text and "Không dùng mật khẩu phổ biến" in help_text


@pytest.mark.django_db
def test_too_common_a_password_is_refused_in_the_readers_language(
    client, site_id, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "cn-id.localhost", "id", "ID")
    link = confirmation_link(client, mailoutbox[0], "cn-id.localhost", "id")
    response = client.post(
        link,
        {"new_password1": "password123", "new_password2": "password123"},
        HTTP_HOST="cn-id.localhost",
    )
    assert response.status_code == 400
    assert "Kata sandi ini terlalu umum." in response.content.decode()


@pytest.mark.django_db
def test_the_question_form_is_filled_in_and_the_dashboard_lists_the_questions(
    client, site_vn, in_site
):
    with in_site(site_vn):
        member = make_member(language="vi", email="hoa@example.vn")
        question = ask(
            name="Hoa", email="Hoa@Example.vn", country="VN", language="vi", topic="customs",
            text="Cần giấy tờ gì để xuất khẩu sầu riêng?",
        )  # fmt: skip
        client.force_login(member.user)

    form = client.get("/vi/questions/ask/", **HOST).content.decode()
    dashboard = client.get("/vi/account/", **HOST).content.decode()

    assert 'value="hoa@example.vn"' in form and '<option value="VN" selected>' in form
    assert "Câu hỏi của bạn" in dashboard and question.reference in dashboard
    assert "Cần giấy tờ gì để xuất khẩu sầu riêng?" in dashboard
    # Sections in their documented order: requests, listings, registrations, questions.
    order = [
        "Yêu cầu chờ bạn trả lời", "Cơ hội giao thương của bạn",
        "Các sự kiện bạn đã đăng ký", "Câu hỏi của bạn",
    ]  # fmt: skip
    assert [dashboard.index(title) for title in order] == sorted(dashboard.index(t) for t in order)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/vi/opportunities/", "/vi/enterprises/"])
def test_a_country_filter_with_odd_bytes_is_ignored_not_a_server_error(client, site_vn, path):
    for country in ("é1", "ＶＮ", "v" * 5000):
        response = client.get(path, {"country": country}, **HOST)
        assert response.status_code == 200, repr(country)
    # A NUL anywhere in a query string is refused before any view (web.security),
    # with the error page in the reader's language.
    refused = client.get(path, {"country": "\x00\x00"}, **HOST)
    assert refused.status_code == 400 and "Yêu cầu không hợp lệ" in refused.content.decode()

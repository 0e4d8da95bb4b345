"""Members find their forms filled in, their questions on the dashboard and
the password rules before they type."""

import pytest

from cooperation.services.questions import ask
from tests.factories.accounts import make_member

HOST = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.mark.django_db
def test_password_rules_are_shown_beside_the_field_before_typing(client, site_vn):
    page = client.get("/vi/account/signup/", **HOST).content.decode()

    assert 'aria-describedby="id_password_helptext"' in page
    help_text = page.split('id="id_password_helptext"')[1].split("</small>")[0]
    assert "10" in help_text and "Không dùng mật khẩu phổ biến" in help_text


@pytest.mark.django_db
def test_too_common_a_password_is_refused_in_the_readers_language(client, site_id):
    response = client.post(
        "/ms/account/signup/", {"password": "password123"}, HTTP_HOST="cn-id.localhost"
    )
    assert response.status_code in (400, 404)  # cn-id has no Malay: 404 is also fine
    response = client.post(
        "/id/account/signup/", {"password": "password123"}, HTTP_HOST="cn-id.localhost"
    )
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
    for country in ("\x00\x00", "é1", "ＶＮ", "v" * 5000):
        response = client.get(path, {"country": country}, **HOST)
        assert response.status_code == 200, repr(country)

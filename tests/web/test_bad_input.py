"""Input PostgreSQL or Python cannot take gives a 400 or 404 page in the
reader's language, never a 500 (issue 12, point 11)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

VN = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/vi/opportunities/?country=%00a",
        "/vi/news/?tag=a%00",
        "/vi/enterprises/?sector=%00",
        "/vi/search/?q=a%00b",
        "/vi/events/?type%00=x",
    ],
)
def test_nul_in_the_query_string_is_a_400_in_the_readers_language(client, site_vn, path):
    response = client.get(path, **VN)

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/vi/events/registration/%00/cancel/", "/media/%00", "/vi/news/a%00b/"]
)
def test_nul_in_the_path_is_a_404(client, site_vn, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="vi", **VN)

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_nul_in_the_session_cookie_is_a_400_that_clears_the_cookie(client, site_vn):
    client.cookies["sessionid"] = "abc\x00def"

    response = client.get("/vi/", **VN)

    assert response.status_code == 400
    assert response.cookies["sessionid"].value == ""  # deleted: the next page works
    del client.cookies["sessionid"]
    assert client.get("/vi/", **VN).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9999-12", "0001-01", "1-1", "2026-13", "x", "２０２６-01"])
def test_a_bad_month_on_the_coordination_page_is_a_400(client, value):
    user = get_user_model().objects.create_user("c@example.org", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    client.force_login(user)

    # The month grid takes ?month=YYYY-MM; its list of dates ?from= and ?to= (days).
    calendar = "/en/coordination/calendar/"
    response = client.get(calendar, {"month": value}, HTTP_HOST="localhost")
    assert response.status_code == 400
    assert "That month could not be read. This month is shown instead." in (
        response.content.decode()
    )
    # Dates typed in its form: the calendar again, saying why.
    for query in ({"from": value}, {"to": value}):
        response = client.get(calendar, query, HTTP_HOST="localhost")

        assert response.status_code == 400, query
        assert "Those dates could not be read" in response.content.decode()
    response = client.get("/en/coordination/", {"after": value}, HTTP_HOST="localhost")
    assert response.status_code == 400  # the clashes' list starts at a day
    assert client.get(calendar, {"month": "2030-01"}, HTTP_HOST="localhost").status_code == 200
    assert client.get(calendar, {"from": "2030-01-31"}, HTTP_HOST="localhost").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/vi/news/?category=%C3%A9",
        "/vi/opportunities/?type=demand&country=%C3%A9",
        "/vi/enterprises/?q=c%C3%A0",
        "/vi/events/?type=%C3%A9",
        "/vi/search/?q=c%C3%A0+ph%C3%AA&country=%C3%A9",
        "/vi/questions/?x=%C3%A9",
    ],
)
@pytest.mark.parametrize("charset", ["ascii", "latin-1"])
def test_a_query_string_beyond_the_charset_a_request_declares_is_no_500(
    client, site_vn, path, charset
):
    # A GET's query string is percent-encoded UTF-8 whatever its Content-Type
    # says; Django decodes it with the declared charset, and the lists' links
    # encoded it back with that charset (UnicodeEncodeError: a 500).
    response = client.get(path, CONTENT_TYPE=f"text/plain; charset={charset}", **VN)

    assert response.status_code < 500

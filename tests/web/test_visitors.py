"""web.visitors: a visitor without a session cookie is anonymous without a
session read, and their page is what Django's middleware made of it."""

from django.conf import settings
from django.test import Client, override_settings

VN = "cn-vn.localhost"
DJANGOS = "django.contrib.auth.middleware.AuthenticationMiddleware"


def page(client: Client, path: str):
    response = client.get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return response


def test_a_visitor_without_a_session_gets_the_page_djangos_middleware_gave(db):
    ours = page(Client(), "/en/news/")
    middleware = [
        DJANGOS if name == "web.visitors.AuthenticationMiddleware" else name
        for name in settings.MIDDLEWARE
    ]
    with override_settings(MIDDLEWARE=middleware):
        djangos = page(Client(), "/en/news/")

    assert ours.content == djangos.content and "Sign in" in ours.content.decode()
    assert ours["Vary"] == djangos["Vary"] and "Cookie" in ours["Vary"]
    assert ours.wsgi_request.user.is_anonymous
    assert ours.cookies.keys() == djangos.cookies.keys()

"""Messages with their storage built only when a request needs it (web/messages.py)."""

from django.contrib import messages
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.test import Client, RequestFactory

from web.messages import LazyMessageMiddleware, queued_messages

VN = "cn-vn.localhost"


def _through_middleware(request, view):
    request.session = SessionStore()
    return LazyMessageMiddleware(lambda request: view(request))(request)


def test_a_visitor_without_cookies_costs_no_storage(db):
    response = Client().get("/en/news/", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")

    assert response.status_code == 200
    assert response.wsgi_request._messages.built is False
    assert not queued_messages(response.wsgi_request)


def test_a_message_added_is_stored_and_shown_on_the_next_request():
    factory = RequestFactory()

    def add(request):
        messages.success(request, "Saved, thank you")
        assert queued_messages(request)
        return HttpResponse()

    response = _through_middleware(factory.get("/"), add)
    following = factory.get("/")
    following.COOKIES["messages"] = response.cookies["messages"].value
    shown = []

    def show(request):
        shown.extend(str(message) for message in messages.get_messages(request))
        return HttpResponse()

    cleared = _through_middleware(following, show)

    assert shown == ["Saved, thank you"]
    assert cleared.cookies["messages"].value == ""  # read once, then gone


def test_the_level_can_be_set_and_read():
    request = RequestFactory().get("/")

    def view(request):
        messages.set_level(request, messages.WARNING)
        messages.info(request, "below the level")
        assert messages.get_level(request) == messages.WARNING
        assert list(messages.get_messages(request)) == []
        return HttpResponse()

    _through_middleware(request, view)

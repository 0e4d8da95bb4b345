"""Django's messages, with their storage built only when a request needs it.

Django's middleware builds the storage (a cookie storage with its signer, a
session storage) for every request, and every page asks it whether messages
are waiting, which reads the session. A visitor who sends neither the
messages cookie nor the session cookie can have no message waiting: their
pages and stored copies skip all of that. Measured with ``bench/http.py
--cpu``: ~20 µs of every request on this machine.
"""

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse


class LazyMessages:
    """``request._messages``: the storage's interface, built on first real use
    (a message added, the level read or set, messages read when some may be
    waiting)."""

    __slots__ = ("_request", "_storage")

    def __init__(self, request: HttpRequest) -> None:
        object.__setattr__(self, "_request", request)
        object.__setattr__(self, "_storage", None)

    @property
    def built(self) -> bool:
        return self._storage is not None

    def _built(self):
        if self._storage is None:
            object.__setattr__(self, "_storage", default_storage(self._request))
        return self._storage

    def _may_hold_messages(self) -> bool:
        if self._storage is not None:
            return True
        cookies = self._request.COOKIES
        return _cookie_name() in cookies or settings.SESSION_COOKIE_NAME in cookies

    def __len__(self) -> int:
        return len(self._built()) if self._may_hold_messages() else 0

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self):
        return iter(self._built()) if self._may_hold_messages() else iter(())

    def __contains__(self, item) -> bool:
        return item in self._built() if self._may_hold_messages() else False

    def __getattr__(self, name: str):
        return getattr(self._built(), name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._built(), name, value)


def _cookie_name() -> str:
    from django.contrib.messages.storage.cookie import CookieStorage

    return CookieStorage.cookie_name


def queued_messages(request: HttpRequest) -> bool:
    """True when this request added messages still to be shown."""
    messages = getattr(request, "_messages", None)
    if isinstance(messages, LazyMessages) and not messages.built:
        return False
    return bool(getattr(messages, "_queued_messages", None))


class LazyMessageMiddleware(MessageMiddleware):
    """Django's MessageMiddleware (the admin's check finds it), storage built lazily."""

    def process_request(self, request: HttpRequest) -> None:
        request._messages = LazyMessages(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        messages = getattr(request, "_messages", None)
        if isinstance(messages, LazyMessages) and not messages.built:
            return response  # nothing read, nothing added: nothing to store
        return super().process_response(request, response)

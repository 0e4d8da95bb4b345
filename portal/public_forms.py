"""What every public form shares: the rate limit and its message."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from portal import ratelimit

TOO_MANY_POSTS = _(
    "Too many attempts from your connection. Please wait a few minutes and try again."
)


def public_form_allowed(request: HttpRequest, scope: str) -> bool:
    return ratelimit.allow(
        request,
        scope,
        limit=settings.PUBLIC_FORM_LIMIT,
        window_seconds=settings.PUBLIC_FORM_WINDOW_SECONDS,
    )

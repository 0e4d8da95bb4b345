"""Sign-in limits shared by every login form: the site's own and the admin's.

Two limits hold for both forms alike:

- per client (``web.clients``): ``PUBLIC_FORM_LIMIT`` posts per window, the
  scope every public form uses, so the admin's login is no way around the
  site's;
- per account (django-axes, in each site's schema and in the hub's):
  ``SIGNIN_FAILURE_LIMIT`` wrong passwords for one address lock that address
  out for ``SIGNIN_LOCKOUT_MINUTES``, from any client. A lockout on one site
  is a row in that site's schema: the same address on another site is not
  locked.

Messages say nothing about whether an account exists.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from web.public_forms import TOO_MANY_POSTS, public_form_allowed

LOGIN_SCOPE = "login"


def normalized_username(request: HttpRequest | None, credentials: dict | None) -> str:
    """The address a login form was given, as accounts store it (django-axes
    counts failures per account with it, whichever form they came through)."""
    credentials = credentials or {}
    raw = credentials.get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    return str(raw or "").strip().lower()[:254]


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What a locked-out account is told (django-axes' AXES_LOCKOUT_CALLABLE)."""
    minutes = settings.SIGNIN_LOCKOUT_MINUTES
    message = _(
        "Too many failed sign-in attempts for this account. Wait %(minutes)s minutes and try again."
    ) % {"minutes": minutes}
    return render(request, "web/signin_refused.html", {"message": message}, status=429)


def rate_limited_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a login view (the admin's) in the per-client limit the site's own
    sign-in has (``LOGIN_SCOPE``)."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not public_form_allowed(request, LOGIN_SCOPE):
            return render(
                request, "web/signin_refused.html", {"message": TOO_MANY_POSTS}, status=429
            )
        return view(request, *args, **kwargs)

    wrapped.__name__ = getattr(view, "__name__", "login")
    wrapped.__doc__ = view.__doc__
    return wrapped

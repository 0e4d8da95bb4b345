"""Who may open a staff page: one check, the same everywhere.

Every staff view names the permission it needs, as ``"app_label.codename"``,
and goes through :func:`require_perm` (a page about many objects) or
:func:`object_for` (a page about one). Holding ``is_staff`` is not enough: a
translator is staff, and must not read attendee lists or statistics. Views
send anonymous visitors to sign in first (Django's ``login_required``), so a
person who simply is not signed in is not told "forbidden".
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.shortcuts import get_object_or_404


def require_perm(request: HttpRequest, perm: str) -> None:
    """Raise ``PermissionDenied`` (403) unless the request's user holds ``perm``."""
    if not request.user.has_perm(perm):
        raise PermissionDenied


def object_for(
    request: HttpRequest,
    queryset: type[models.Model] | models.QuerySet,
    perm: str,
    **lookup,
) -> models.Model:
    """The one object ``lookup`` names, for a user holding ``perm``.

    The permission is checked first: someone without it gets 403 whether or
    not the object exists, so the answer tells them nothing about it. Then a
    missing object is a 404.
    """
    require_perm(request, perm)
    return get_object_or_404(queryset, **lookup)

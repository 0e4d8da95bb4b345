"""Who acts for which enterprise in a request."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cooperation.models import EnterpriseMember


def membership_of(request: HttpRequest) -> EnterpriseMember | None:
    if not request.user.is_authenticated:
        return None
    return (
        EnterpriseMember.objects.select_related("enterprise")
        .filter(user=request.user, user__is_active=True)
        .first()
    )


def member_required(view):
    """Run ``view(request, member, …)`` for an enterprise member; send others
    to the login page, or explain that the page is for enterprise accounts."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        member = membership_of(request)
        if member is None:
            return render(request, "cooperation/account/members_only.html", status=403)
        return view(request, member, *args, **kwargs)

    return wrapper

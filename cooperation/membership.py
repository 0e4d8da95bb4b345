"""Who acts for which enterprise in a request."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from cooperation.models import EnterpriseMember
from tenants.addresses import site_url
from web import mail


def membership_of(request: HttpRequest) -> EnterpriseMember | None:
    """The signed-in person's membership, looked up once per request."""
    if not request.user.is_authenticated:
        return None
    if not hasattr(request, "_membership"):
        request._membership = (
            EnterpriseMember.objects.select_related("enterprise")
            .filter(user=request.user, user__is_active=True)
            .first()
        )
    return request._membership


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


def mail_members(enterprise, template: str, context: dict, *, url_name: str, site) -> int:
    """Send ``template`` to each active member of ``enterprise`` in their own
    language, with ``url`` (the page ``url_name`` in that language) in the
    context. Returns how many people were written to."""
    members = list(enterprise.members.select_related("user").filter(user__is_active=True))
    for member in members:
        language = mail.language_for(site, member.language)
        with translation.override(language):
            url = site_url(site, reverse(url_name))
        mail.send(
            template,
            {**context, "url": url, "member": member},
            to=[member.user.email],
            language=language,
            site=site,
        )
    return len(members)

"""The workspace's page of the site's people: who holds which staff role,
invitations by e-mail, and withdrawing a role. For the site's
administrators (the only ones who may add users)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cooperation.forms import StaffInvitationForm
from cooperation.roles import ROLES
from cooperation.services.accounts import (
    STAFF_ROLES,
    AccountError,
    invite_staff,
    staff,
    staff_roles_of,
    withdraw_role,
)
from web.permissions import require_perm

PEOPLE_PERM = "auth.add_user"


def _page(request: HttpRequest, form: StaffInvitationForm, error: str = "") -> HttpResponse:
    people = [(person, staff_roles_of(person)) for person in staff()]
    return render(
        request,
        "cooperation/workspace/people.html",
        {"form": form, "people": people, "error": error},
        status=400 if error or form.errors else 200,
    )


def _withdraw(request: HttpRequest) -> HttpResponse | None:
    role, person = request.POST.get("withdraw", ""), request.POST.get("person", "")
    user = get_user_model().objects.filter(pk=int(person)).first() if person.isdigit() else None
    if user is None or role not in STAFF_ROLES or ROLES[role] not in staff_roles_of(user):
        return None
    withdraw_role(user, role, by=request.user)
    messages.success(
        request,
        _("%(email)s no longer holds the role %(role)s on this site.")
        % {"email": user.email or user.username, "role": ROLES[role].label},
    )
    return redirect("workspace_people")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="account_login")
def people(request: HttpRequest) -> HttpResponse:
    require_perm(request, PEOPLE_PERM)
    site = request.tenant
    initial = {"language": get_language() if get_language() in site.languages else ""}
    if request.method != "POST":
        return _page(request, StaffInvitationForm(site=site, initial=initial))
    blank = StaffInvitationForm(site=site, initial=initial)
    if "withdraw" in request.POST:
        try:
            done = _withdraw(request)
        except AccountError as refusal:
            return _page(request, blank, str(refusal))
        return done or _page(request, blank, _("That role could not be withdrawn."))
    form = StaffInvitationForm(request.POST, site=site)
    if not form.is_valid():
        return _page(request, form)
    data = form.cleaned_data
    try:
        invite_staff(
            data["email"], data["role"], language=data["language"], invited_by=request.user
        )
    except AccountError as refusal:
        return _page(request, form, str(refusal))
    messages.success(
        request,
        _("%(email)s now holds the role %(role)s on this site; an e-mail has told them.")
        % {"email": data["email"], "role": ROLES[data["role"]].label},
    )
    return redirect("workspace_people")

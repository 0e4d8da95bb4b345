"""The workspace's page of the site's people: who holds which staff role,
invitations by e-mail, and withdrawing a role. For the site's
administrators (the only ones who may add users)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
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


def _holder(pk: int, role: str):
    """The person holding ``role`` on this site, or 404 (a role they do not
    hold, one not given here, someone of another site: all the same)."""
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None or role not in STAFF_ROLES or ROLES[role] not in staff_roles_of(user):
        raise Http404
    return user


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="account_login")
def withdraw(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    """Ask before taking a role from someone: the page says who loses what,
    and only its button (a POST) withdraws the role."""
    require_perm(request, PEOPLE_PERM)
    user = _holder(pk, role)
    error = ""
    if request.method == "POST":
        try:
            withdraw_role(user, role, by=request.user)
        except AccountError as refusal:
            error = str(refusal)
        else:
            messages.success(
                request,
                _("%(email)s no longer holds the role %(role)s on this site.")
                % {"email": user.email or user.username, "role": ROLES[role].label},
            )
            return redirect("workspace_people")
    other_roles = [held.label for held in staff_roles_of(user) if held.code != role]
    return render(
        request,
        "cooperation/workspace/people_withdraw.html",
        {
            "person": user,
            "role": ROLES[role],
            "other_roles": other_roles,
            "own_admin_role": role == "admin" and user.pk == request.user.pk,
            "error": error,
        },
        status=400 if error else 200,
    )


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
        # The list once withdrew at one click; a form posted from a page
        # left open since then is asked to confirm like the list's links.
        person, role = request.POST.get("person", ""), request.POST.get("withdraw", "")
        if person.isascii() and person.isdigit() and len(person) < 10 and role in STAFF_ROLES:
            return redirect("workspace_people_withdraw", pk=int(person), role=role)
        return _page(request, blank, _("That role could not be withdrawn."))
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

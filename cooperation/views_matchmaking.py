"""An enterprise's dashboard and matchmaking requests; officials' counts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cooperation.forms import MatchAnswerForm, MatchRequestForm
from cooperation.membership import member_required, membership_of
from cooperation.models import Enterprise, EnterpriseMember, MatchRequest, Opportunity
from cooperation.roles import roles_of
from cooperation.sectors import SECTORS
from cooperation.services import matchmaking, opportunities
from cooperation.views_account import email_language_form
from web import panels
from web.permissions import require_perm
from web.public_forms import response_status, submitted


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    # The sections (requests, listings, registrations, questions…) are the
    # panels the content apps register, in their order (web.panels).
    sections = panels.render_panels(panels.DASHBOARD, request)
    member = membership_of(request)
    if member is None:
        roles = [role.label for role in roles_of(request.user)]
        context = {"roles": roles, "panels": sections}
        if request.user.is_staff:
            context["email_form"] = email_language_form(request)
        return render(request, "cooperation/account/dashboard_staff.html", context)
    context = {"member": member, "enterprise": member.enterprise, "panels": sections}
    return render(request, "cooperation/account/dashboard.html", context)


def _request_page(request, member, form, target, recipient, template_context, send) -> HttpResponse:
    # Said before anything is typed: a request that would reach nobody.
    refusal = matchmaking.unreachable(recipient)
    if refusal:
        status = 400 if request.method == "POST" else 200
        context = {"target": target, "member": member, "refusal": refusal, **template_context}
        return render(request, "cooperation/account/match_request.html", context, status=status)
    if submitted(request, form, "match"):
        if form.is_robot():
            return redirect("dashboard")
        try:
            send(form.cleaned_data)
        except matchmaking.MatchmakingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your request has been sent. You will hear by e-mail when they answer.")
            )
            return redirect("dashboard")
    return render(
        request,
        "cooperation/account/match_request.html",
        {"form": form, "target": target, "member": member, **template_context},
        status=response_status(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def opportunity_interest(request: HttpRequest, member: EnterpriseMember, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(Opportunity.objects.open(), pk=pk)
    form = MatchRequestForm(request.POST or None)
    return _request_page(
        request,
        member,
        form,
        opportunity,
        opportunity.enterprise,
        {"kind": MatchRequest.Kind.INTEREST},
        lambda data: matchmaking.express_interest(
            member.enterprise,
            opportunity,
            message=data["message"],
        ),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def enterprise_meet(request: HttpRequest, member: EnterpriseMember, slug: str) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise.objects.listed(), slug=slug)
    form = MatchRequestForm(request.POST or None, meeting=True)
    return _request_page(
        request,
        member,
        form,
        enterprise,
        enterprise,
        {"kind": MatchRequest.Kind.MEETING},
        lambda data: matchmaking.request_meeting(
            member.enterprise,
            enterprise,
            message=data["message"],
            proposed_date=data.get("proposed_date"),
        ),
    )


@require_POST
@member_required
def match_answer(request: HttpRequest, member: EnterpriseMember, pk: int) -> HttpResponse:
    match = get_object_or_404(MatchRequest.objects.filter(recipient=member.enterprise), pk=pk)
    form = MatchAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose to accept or decline."))
        return redirect("dashboard")
    accept = form.cleaned_data["decision"] == "accept"
    try:
        matchmaking.answer(
            match,
            member.enterprise,
            accept=accept,
            reply=form.cleaned_data["reply"],
        )
    except matchmaking.MatchmakingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You accepted the request; both sides can now see each other's contacts.")
            if accept
            else _("You declined the request; the other enterprise is told by e-mail."),
        )
    return redirect("dashboard")


@require_POST
@member_required
def match_withdraw(request: HttpRequest, member: EnterpriseMember, pk: int) -> HttpResponse:
    match = get_object_or_404(MatchRequest.objects.filter(sender=member.enterprise), pk=pk)
    try:
        matchmaking.withdraw(match, member.enterprise)
    except matchmaking.MatchmakingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your request has been withdrawn; the other enterprise no longer sees it.")
        )
    return redirect("dashboard")


@require_POST
@member_required
def opportunity_withdraw(request: HttpRequest, member: EnterpriseMember, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(Opportunity.objects.filter(enterprise=member.enterprise), pk=pk)
    if opportunities.withdraw(opportunity, by=member.enterprise):
        messages.success(
            request,
            _("Your listing has been taken down; it no longer appears in the list or in search."),
        )
    else:
        messages.error(request, _("This listing is no longer public or waiting for review."))
    return redirect("dashboard")


@require_safe
@login_required
def matchmaking_statistics(request: HttpRequest) -> HttpResponse:
    require_perm(request, "cooperation.view_matchrequest")
    statistics = matchmaking.statistics()
    labels = dict(SECTORS)
    for row in statistics["by_sector"]:
        row["label"] = str(labels.get(row["code"], "—"))
    return render(request, "cooperation/matchmaking_statistics.html", {"statistics": statistics})

"""Matchmaking between the enterprises of one site.

An enterprise shows interest in another's opportunity or asks it for a
meeting; the other side accepts or declines. Every step e-mails the people of
the other enterprise, each in the language they chose. Contact details are
shown to both sides only once a request is accepted.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cooperation.membership import mail_members
from cooperation.models import Enterprise, MatchRequest, Opportunity
from tenants.addresses import site_url
from tenants.context import current_site
from web import mail


class MatchmakingError(Exception):
    """Refused; the message is for the user, in their language."""


def express_interest(sender: Enterprise, opportunity: Opportunity, *, message: str) -> MatchRequest:
    if opportunity.enterprise_id is None:
        raise MatchmakingError(unreachable(None))
    return _send(
        MatchRequest(
            kind=MatchRequest.Kind.INTEREST,
            sender=sender,
            recipient=opportunity.enterprise,
            opportunity=opportunity,
            sector=opportunity.sector,
            message=message,
        )
    )


def request_meeting(
    sender: Enterprise,
    recipient: Enterprise,
    *,
    message: str,
    proposed_date: datetime.date | None,
) -> MatchRequest:
    return _send(
        MatchRequest(
            kind=MatchRequest.Kind.MEETING,
            sender=sender,
            recipient=recipient,
            sector=recipient.sectors[0] if recipient.sectors else "",
            message=message,
            proposed_date=proposed_date,
        )
    )


def unreachable(recipient: Enterprise | None) -> str:
    """Why a request to ``recipient`` would reach nobody, for the sender in
    their language; "" when it reaches one of its people or its public
    address (an invitation to sign up)."""
    if recipient is None:
        return _("This listing was not posted by a registered enterprise.")
    if recipient.email or recipient.members.filter(user__is_active=True).exists():
        return ""
    return _(
        "This enterprise cannot be reached through the portal yet: it has no account here and no public e-mail address."
    )


def _send(match: MatchRequest) -> MatchRequest:
    if match.sender_id == match.recipient_id:
        raise MatchmakingError(_("You cannot send a request to your own enterprise."))
    refusal = unreachable(match.recipient)
    if refusal:
        raise MatchmakingError(refusal)
    try:
        with transaction.atomic():
            match.save()
    except IntegrityError:
        raise MatchmakingError(
            _("You already have a request waiting for an answer from this enterprise.")
        ) from None
    _notify(match, "match_received", match.recipient)
    return match


def answer(match: MatchRequest, by: Enterprise, *, accept: bool, reply: str) -> None:
    """The recipient accepts or declines; the sender is told."""
    with transaction.atomic():
        locked = MatchRequest.objects.select_for_update().get(pk=match.pk)
        if locked.recipient_id != by.pk:
            raise MatchmakingError(_("Only the enterprise asked can answer this request."))
        if locked.status != MatchRequest.Status.PENDING:
            raise MatchmakingError(_("This request has already been answered."))
        locked.status = MatchRequest.Status.ACCEPTED if accept else MatchRequest.Status.DECLINED
        locked.reply = reply
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "reply", "answered_at"])
    match.refresh_from_db()
    _notify(match, "match_answered", match.sender)


def withdraw(match: MatchRequest, by: Enterprise) -> None:
    updated = MatchRequest.objects.filter(
        pk=match.pk, sender=by, status=MatchRequest.Status.PENDING
    ).update(status=MatchRequest.Status.WITHDRAWN, answered_at=timezone.now())
    if not updated:
        raise MatchmakingError(_("This request can no longer be withdrawn."))


def _notify(match: MatchRequest, name: str, to: Enterprise) -> None:
    site = current_site()
    template = f"cooperation/emails/{name}"
    context = {"match": match}
    if mail_members(to, template, context, url_name="dashboard", site=site):
        return
    if to.email:
        # A listed enterprise without an account yet: invite it to sign up.
        with translation.override(site.default_language):
            url = site_url(site, reverse("account_signup"))
        mail.send(
            template,
            {**context, "url": url, "member": None},
            language=site.default_language,
            to=[to.email],
            site=site,
        )


def requests_of(enterprise: Enterprise) -> dict[str, list[MatchRequest]]:
    """An enterprise's requests for its dashboard: waiting for its answer
    (``incoming``), its own still waiting (``outgoing``), accepted either way
    (``matches``) and the rest (``closed``)."""
    groups = {"incoming": [], "outgoing": [], "matches": [], "closed": []}
    requests = (
        MatchRequest.objects.involving(enterprise)
        .select_related("sender", "recipient", "opportunity")
        .prefetch_related("sender__members__user", "recipient__members__user")
    )
    for match in requests:
        if match.status == MatchRequest.Status.ACCEPTED:
            groups["matches"].append(match)
        elif not match.is_pending:
            groups["closed"].append(match)
        elif match.recipient_id == enterprise.pk:
            groups["incoming"].append(match)
        else:
            groups["outgoing"].append(match)
    return groups


def statistics() -> dict[str, list[dict]]:
    """Requests and matches per sector and per pair of countries, for officials."""
    counted = {
        "requests": Count("pk"),
        "accepted": Count("pk", filter=Q(status=MatchRequest.Status.ACCEPTED)),
        "pending": Count("pk", filter=Q(status=MatchRequest.Status.PENDING)),
    }
    by_sector = (
        MatchRequest.objects.values(code=F("sector"))
        .annotate(**counted)
        .order_by("-requests", "code")
    )
    by_countries = (
        MatchRequest.objects.values(
            from_country=F("sender__country"), to_country=F("recipient__country")
        )
        .annotate(**counted)
        .order_by("-requests", "from_country", "to_country")
    )
    return {"by_sector": list(by_sector), "by_countries": list(by_countries)}

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

from cooperation.models import Enterprise, MatchRequest, Opportunity
from cooperation.services.mail import mail_in_language, mail_members
from tenants.context import after_commit, current_site


class MatchmakingError(Exception):
    """Refused; the message is for the user, in their language."""


def express_interest(
    sender: Enterprise, opportunity: Opportunity, *, message: str, base_url: str
) -> MatchRequest:
    if opportunity.enterprise_id is None:
        raise MatchmakingError(_("This listing was not posted by a registered enterprise."))
    return _send(
        MatchRequest(
            kind=MatchRequest.Kind.INTEREST,
            sender=sender,
            recipient=opportunity.enterprise,
            opportunity=opportunity,
            sector=opportunity.sector,
            message=message,
        ),
        base_url,
    )


def request_meeting(
    sender: Enterprise,
    recipient: Enterprise,
    *,
    message: str,
    proposed_date: datetime.date | None,
    base_url: str,
) -> MatchRequest:
    return _send(
        MatchRequest(
            kind=MatchRequest.Kind.MEETING,
            sender=sender,
            recipient=recipient,
            sector=recipient.sectors[0] if recipient.sectors else "",
            message=message,
            proposed_date=proposed_date,
        ),
        base_url,
    )


def _send(match: MatchRequest, base_url: str) -> MatchRequest:
    if match.sender_id == match.recipient_id:
        raise MatchmakingError(_("You cannot send a request to your own enterprise."))
    try:
        with transaction.atomic():
            match.save()
    except IntegrityError:
        raise MatchmakingError(
            _("You already have a request waiting for an answer from this enterprise.")
        ) from None
    site = current_site()
    after_commit(site, _notify, match, "match_received", match.recipient, base_url)
    return match


def answer(match: MatchRequest, by: Enterprise, *, accept: bool, reply: str, base_url: str) -> None:
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
    site = current_site()
    after_commit(site, _notify, match, "match_answered", match.sender, base_url)


def withdraw(match: MatchRequest, by: Enterprise) -> None:
    updated = MatchRequest.objects.filter(
        pk=match.pk, sender=by, status=MatchRequest.Status.PENDING
    ).update(status=MatchRequest.Status.WITHDRAWN, answered_at=timezone.now())
    if not updated:
        raise MatchmakingError(_("This request can no longer be withdrawn."))


def _notify(match: MatchRequest, template: str, to: Enterprise, base_url: str) -> None:
    site = current_site()
    context = {"match": match}
    if mail_members(to, template, context, url_name="dashboard", base_url=base_url, site=site):
        return
    if to.email:
        # A listed enterprise without an account yet: invite it to sign up.
        with translation.override(site.default_language):
            url = base_url + reverse("account_signup")
        mail_in_language(
            template,
            {**context, "site": site, "url": url, "member": None},
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

"""Posting a trade opportunity: it waits for an editor before anyone sees it."""

from cooperation.membership import mail_members
from cooperation.models import Enterprise, Opportunity
from languages.columns import set_text
from tenants.addresses import site_url
from tenants.context import current_site
from translations.fallback import fallback_chain, shown_text
from translations.services.staff import staff_addresses
from web import mail


def submit_opportunity(
    *,
    enterprise: Enterprise,
    language: str,
    title: str,
    description: str,
    **fields,
) -> Opportunity:
    """Post a listing for ``enterprise``; ``fields`` are the form's other fields.
    The site's moderators hear of it."""
    company = shown_text(enterprise, "name", fallback_chain(current_site(), language)).text
    opportunity = Opportunity(
        enterprise=enterprise,
        company=company,
        language=language,
        status=Opportunity.Status.PENDING,
        **fields,
    )
    # The text goes in the poster's language; editors add translations.
    set_text(opportunity, "title", language, title)
    set_text(opportunity, "description", language, description)
    opportunity.save()
    _notify_moderators(opportunity, current_site())
    return opportunity


EDITABLE = (
    Opportunity.Status.PENDING,
    Opportunity.Status.APPROVED,
    Opportunity.Status.REJECTED,
)


def revise_opportunity(
    opportunity: Opportunity, *, title: str, description: str, **fields
) -> Opportunity:
    """The poster corrects a listing, in the language it was posted in; it
    goes back to the editors (a public one leaves the lists until approved)."""
    for name, value in fields.items():
        setattr(opportunity, name, value)
    set_text(opportunity, "title", opportunity.language, title)
    set_text(opportunity, "description", opportunity.language, description)
    opportunity.status = Opportunity.Status.PENDING
    opportunity.save()
    _notify_moderators(opportunity, current_site())
    return opportunity


def _notify_moderators(opportunity: Opportunity, site) -> None:
    """Each person who may approve listings, alone and in their language (the
    site's contact address when nobody may)."""
    by_language = staff_addresses(site, ["cooperation.moderate_opportunity"])
    if not by_language and site.contact_email:
        by_language = {site.default_language: [site.contact_email]}
    context = {
        "opportunity": opportunity,
        "url": site_url(site, "/admin/cooperation/opportunity/?status__exact=pending"),
    }
    for language, addresses in by_language.items():
        for address in addresses:
            mail.send(
                "cooperation/emails/opportunity_pending",
                context,
                language=language,
                to=[address],
                site=site,
            )


def moderate(opportunity: Opportunity, *, approve: bool) -> Opportunity:
    """Approve or reject a listing; the enterprise that posted it is told."""
    opportunity.status = Opportunity.Status.APPROVED if approve else Opportunity.Status.REJECTED
    opportunity.save(update_fields=["status"])
    if opportunity.enterprise_id:
        _notify_moderated(opportunity, current_site())
    return opportunity


def moderate_selected(opportunities, *, approve: bool) -> tuple[int, int]:
    """Approve or reject the listings of a queryset that are not in that
    state yet (each poster told once); returns (changed, left as they were)."""
    target = Opportunity.Status.APPROVED if approve else Opportunity.Status.REJECTED
    # Counted first: the admin's queryset may be filtered on the status this
    # changes ("pending"), and would count nothing afterwards.
    selected = list(opportunities)
    changed = 0
    for opportunity in selected:
        if opportunity.status != target:
            moderate(opportunity, approve=approve)
            changed += 1
    return changed, len(selected) - changed


def withdraw(opportunity: Opportunity, *, by: Enterprise) -> bool:
    """The poster takes a listing down, pending or public; False if it is not
    theirs or already down."""
    takeable = {Opportunity.Status.PENDING, Opportunity.Status.APPROVED}
    if opportunity.enterprise_id != by.pk or opportunity.status not in takeable:
        return False
    opportunity.status = Opportunity.Status.WITHDRAWN
    opportunity.save(update_fields=["status"])  # the search index follows the signal
    return True


def _notify_moderated(opportunity: Opportunity, site) -> None:
    mail_members(
        opportunity.enterprise,
        "cooperation/emails/opportunity_moderated",
        {"opportunity": opportunity},
        url_name="dashboard",
        site=site,
    )

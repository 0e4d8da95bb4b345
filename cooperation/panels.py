"""What cooperation contributes to shared pages (web.panels): the dashboard's
requests, listings and questions; the home page's news and listings, and its
figures; what a member's profile says, to pre-fill other apps' forms."""

from django.db.models import DateField, DateTimeField
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cooperation.membership import membership_of
from cooperation.models import Article, EnterpriseMember, Opportunity, Question
from cooperation.services import matchmaking
from cooperation.services.lists import (
    EnterpriseFilters,
    OpportunityFilters,
    enterprise_rows,
    name_products,
    opportunity_rows,
)
from tenants.context import current_site
from translations.fallback import fallback_chain, shown_text
from translations.prepared import PreparedList

HOME_ARTICLES = 4
HOME_LISTINGS = 4


def dashboard_requests(request: HttpRequest) -> dict | None:
    member = membership_of(request)
    if member is None:
        return None
    return {"enterprise": member.enterprise, **matchmaking.requests_of(member.enterprise)}


def dashboard_listings(request: HttpRequest) -> dict | None:
    member = membership_of(request)
    if member is None:
        return None
    return {"opportunities": member.enterprise.opportunities.order_by("-created_at")[:50]}


def dashboard_questions(request: HttpRequest) -> dict | None:
    if not request.user.is_authenticated or not request.user.email:
        return None
    questions = Question.objects.filter(email__iexact=request.user.email).order_by(
        "-created_at", "-pk"
    )
    return {"questions": list(questions[:20])}


# The home's queries, compiled once per process (translations.prepared): a
# site's home is built afresh in each worker after every write to the site,
# and building its figures and panels through the ORM was ~4 of its ~20 ms
# of CPU then (bench/http.py --profile --after-write).
_HOME_NEWS = PreparedList(
    Article,
    lambda slot: Article.objects.listed(now=slot("now", DateTimeField())).select_related(
        "category"
    )[:HOME_ARTICLES],
)
_HOME_LISTINGS = PreparedList(
    Opportunity,
    lambda slot: (
        Opportunity.objects.open(today=slot("today", DateField()))
        .with_poster_verified()
        .order_by("-created_at", "-pk")[:HOME_LISTINGS]
    ),
)


def home_news(request: HttpRequest) -> dict:
    return {"articles": _HOME_NEWS.list(now=timezone.now())}


def home_listings(request: HttpRequest) -> dict:
    listings = _HOME_LISTINGS.list(today=timezone.localdate())
    name_products(listings, translation.get_language(), request.tenant)
    return {"opportunities": listings}


def figures(request: HttpRequest) -> list[tuple[str, int, str]]:
    """The open listings and the directory's enterprises, counted as their
    lists count them (the same prepared queries, unfiltered)."""
    chain = fallback_chain(request.tenant, translation.get_language())
    listings = opportunity_rows(OpportunityFilters(), timezone.localdate()).count()
    enterprises = enterprise_rows(EnterpriseFilters(), chain).count()
    return [
        (_("listings open"), listings, reverse("opportunity_list")),
        (_("enterprises"), enterprises, reverse("enterprise_list")),
    ]


def member_details(user) -> dict:
    """The enterprise a member acts for: its name (as the site shows it in the
    active language) and country."""
    member = (
        EnterpriseMember.objects.select_related("enterprise")
        .filter(user=user, user__is_active=True)
        .first()
    )
    if member is None:
        return {}
    chain = fallback_chain(current_site(), translation.get_language())
    name = shown_text(member.enterprise, "name", chain).text
    return {"organisation": name, "country": member.enterprise.country}

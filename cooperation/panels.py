"""What cooperation contributes to shared pages (web.panels): the dashboard's
requests, listings and questions; the home page's news and listings, and its
figures; what a member's profile says, to pre-fill other apps' forms."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cooperation.membership import membership_of
from cooperation.models import Article, Enterprise, EnterpriseMember, Opportunity, Question
from cooperation.services import matchmaking
from cooperation.services.lists import name_products
from tenants.context import current_site
from translations.fallback import fallback_chain, shown_text

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


def home_news(request: HttpRequest) -> dict:
    articles = Article.objects.listed().select_related("category")[:HOME_ARTICLES]
    return {"articles": list(articles)}


def home_listings(request: HttpRequest) -> dict:
    listings = list(
        Opportunity.objects.open()
        .with_poster_verified()
        .order_by("-created_at", "-pk")[:HOME_LISTINGS]
    )
    name_products(listings, translation.get_language(), request.tenant)
    return {"opportunities": listings}


def figures(request: HttpRequest) -> list[tuple[str, int, str]]:
    return [
        (_("listings open"), Opportunity.objects.open().count(), reverse("opportunity_list")),
        (_("enterprises"), Enterprise.objects.listed().count(), reverse("enterprise_list")),
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

"""The hub's pages: the sites and what is new on all of them; a search across them."""

from operator import itemgetter

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hub import gather
from hub.suggestions import suggest
from languages.collation import sorted_by
from languages.formatting import country_name
from languages.negotiation import accepted_languages
from search.forms import clean_text
from search.registry import kinds
from search.text import MAX_QUERY_LENGTH
from search.views import ways_as_links
from web.pagination import address, numbered, page_number, page_of

#: Sites per page of the hub's directory.
SITES_PER_PAGE = 24

#: The kinds the hub gathers, in the order its search filter offers them.
HUB_KINDS = ("article", "opportunity", "event")


def _accepted(request: HttpRequest) -> list[str]:
    """The languages the visitor's browser accepts besides the page's: the
    hub shows an item in one of them when it lacks the page's."""
    return accepted_languages(request)


def _varies(response: HttpResponse) -> HttpResponse:
    # Which language an item is shown in follows Accept-Language (the page
    # cache keys hub pages on it too).
    patch_vary_headers(response, ["Accept-Language"])
    return response


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    gathered = gather.gathered(language, accepted=_accepted(request))
    return _varies(
        render(
            request,
            "hub/home.html",
            {
                "gathered": gathered,
                "kinds": _kind_choices(),
                "countries": _countries(
                    gather.public_sites(language, _accepted(request)).values(), language
                ),
            },
        )
    )


def _countries(sites, language: str) -> list[tuple[str, str]]:
    """``(code, name)`` of every country a launched site serves, by name as
    readers of ``language`` sort names (Chinese by pinyin)."""
    codes = {code for hub_site in sites for code in hub_site.site.countries}
    return sorted_by(((c, country_name(c, language)) for c in codes), language, key=itemgetter(1))


@require_safe
def sites(request: HttpRequest) -> HttpResponse:
    """Every launched site, the likeliest first, filtered by a country they
    serve and paged: the home shows a dozen."""
    language = translation.get_language()
    accepted = _accepted(request)
    every = gather.public_sites(language, accepted).values()
    countries = _countries(every, language)
    country = request.GET.get("country", "")
    country = country if country in dict(countries) else ""
    shown = [s for s in every if not country or country in s.site.countries]
    pager = numbered(
        request, gather.likely_first(shown, language, accepted), per_page=SITES_PER_PAGE
    )
    return _varies(
        render(
            request,
            "hub/sites.html",
            {"pager": pager, "countries": countries, "country": country, "total": len(shown)},
        )
    )


def _kind_choices() -> list[tuple[str, str]]:
    labels = dict(kinds())
    return [(kind, labels[kind]) for kind in HUB_KINDS if kind in labels]


@require_safe
def events(request: HttpRequest, *, past: bool = False) -> HttpResponse:
    """Every site's upcoming events, soonest first, or the past ones."""
    language = translation.get_language()
    accepted = _accepted(request)
    sites = gather.public_sites(language, accepted)
    entries = gather.events(language, sites, past=past)
    # Counted up to a cap ("more than 1,000"): counting every site's events
    # read them all (45,000 past ones at 200 sites).
    found = gather.count_up_to(entries, gather.CAP + 1)
    pager = numbered(
        request, entries, count=min(found, gather.CAP), count_is_lower_bound=found > gather.CAP
    )
    pager.items = gather.items(pager.items, sites, language, accepted)
    return _varies(render(request, "hub/events.html", {"pager": pager, "past": past}))


def past_events(request: HttpRequest) -> HttpResponse:
    return events(request, past=True)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    accepted = _accepted(request)
    query = clean_text(request.GET.get("q", ""), MAX_QUERY_LENGTH)
    choices = _kind_choices()
    kind = request.GET.get("type", "")
    kind = kind if kind in dict(choices) else ""
    sites = gather.public_sites(language, accepted)
    site_code = request.GET.get("site", "")
    site_code = site_code if site_code in {s.code for s in sites.values()} else ""
    number = page_number(request)

    def run(*, query=query, kind=kind, site_code=site_code, page=number, language=language):
        return gather.search(
            query,
            language=language,
            kind=kind,
            site_code=site_code,
            page=page,
            sites=sites if language == translation.get_language() else None,
            accepted=accepted,
        )

    found = run()
    if number > found.num_pages:
        # Past the end: the last page in place, as every list's pager does.
        number = found.num_pages
        found = run(page=number)
    pager = page_of(
        request,
        found.items,
        number=number,
        count=found.total,
        per_page=found.per_page,
        count_is_lower_bound=found.capped,
        has_next=found.has_next,
    )
    searched = bool(query or kind or site_code)
    ways = (
        _ways_forward(request, query, kind, site_code, language, accepted, run)
        if (searched and not found.items)
        else []
    )
    return _varies(
        render(
            request,
            "hub/search.html",
            {
                "query": query,
                "found": found,
                "pager": pager,
                "kinds": choices,
                "kind": kind,
                "sites": list(sites.values()),
                "site_code": site_code,
                "searched": searched,
                "suggestions": ways,
                "unfiltered_url": address(request, type=None, site=None, page=None),
                "given": bool(kind or site_code),
            },
        )
    )


def _ways_forward(request, query, kind, site_code, language, accepted, run) -> list[dict]:
    """What the page offers when nothing was found (hub.suggestions), as
    links, in the site search's shape (the template is the same)."""
    given = {name: value for name, value in (("type", kind), ("site", site_code)) if value}
    filters = {"type": "kind", "site": "site_code"}

    def found(*, query=query, language=language, without=None) -> int:
        changes = {filters[without]: ""} if without else {}
        return run(query=query, language=language, page=1, **changes).total

    ways = suggest(
        query,
        language=language,
        accepted=accepted,
        offered=[code for code, _name in settings.LANGUAGES],
        given=given,
        found=found,
    )
    return ways_as_links(
        request,
        spellings=ways.spellings,
        languages=ways.languages,
        without=ways.without,
        labels={"type": _("Type"), "site": _("Site")},
    )

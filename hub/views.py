"""The hub's pages: the sites and what is new on all of them; a search across them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from hub import gather
from search.forms import clean_text
from search.registry import kinds
from search.text import MAX_QUERY_LENGTH
from web.pagination import numbered, page_number, page_of

#: The kinds the hub gathers, in the order its search filter offers them.
HUB_KINDS = ("article", "opportunity", "event")


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    return render(
        request,
        "hub/home.html",
        {"gathered": gather.gathered(language), "kinds": _kind_choices()},
    )


def _kind_choices() -> list[tuple[str, str]]:
    labels = dict(kinds())
    return [(kind, labels[kind]) for kind in HUB_KINDS if kind in labels]


@require_safe
def events(request: HttpRequest, *, past: bool = False) -> HttpResponse:
    """Every site's upcoming events, soonest first, or the past ones."""
    language = translation.get_language()
    sites = gather.public_sites(language)
    entries = gather.events(language, sites, past=past)
    # Counted up to a cap ("more than 1,000"): counting every site's events
    # read them all (45,000 past ones at 200 sites).
    found = entries[: gather.CAP + 1].count()
    pager = numbered(
        request, entries, count=min(found, gather.CAP), count_is_lower_bound=found > gather.CAP
    )
    pager.items = gather.items(pager.items, sites, language)
    return render(request, "hub/events.html", {"pager": pager, "past": past})


def past_events(request: HttpRequest) -> HttpResponse:
    return events(request, past=True)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    query = clean_text(request.GET.get("q", ""), MAX_QUERY_LENGTH)
    choices = _kind_choices()
    kind = request.GET.get("type", "")
    kind = kind if kind in dict(choices) else ""
    sites = gather.public_sites(language)
    site_code = request.GET.get("site", "")
    site_code = site_code if site_code in {s.code for s in sites.values()} else ""
    number = page_number(request)
    found = gather.search(
        query, language=language, kind=kind, site_code=site_code, page=number, sites=sites
    )
    if number > found.num_pages:
        # Past the end: the last page in place, as every list's pager does.
        number = found.num_pages
        found = gather.search(
            query, language=language, kind=kind, site_code=site_code, page=number, sites=sites
        )
    pager = page_of(
        request,
        found.items,
        number=number,
        count=found.total,
        per_page=found.per_page,
        count_is_lower_bound=found.capped,
    )
    return render(
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
            "searched": bool(query or kind or site_code),
        },
    )

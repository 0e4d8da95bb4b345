import json
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from languages.formatting import country_name
from languages.negotiation import strip_language
from search.forms import SearchForm, clean_text
from search.query import Filters, Result, SearchPage, Tier, search
from search.suggestions import Suggestions, suggest
from search.vocabulary import Understanding, lookup
from web.fragment_store import FragmentStore
from web.pagination import address, page_number, page_of
from web.templatetags.fragments import kept_value

LOOKUP_RESULTS = 10


def search_form(request: HttpRequest) -> SearchForm:
    site = request.tenant
    language = translation.get_language()
    countries = [(code, country_name(code, language)) for code in site.countries]
    return SearchForm(request.GET, site=site, language=language, countries=countries)


#: Searches' pages kept (``_found``), apart from the fragments and fewer:
#: a crawler's one-off queries must not push the lists' kept items out. A
#: page of 20 results is ~10 kB pickled.
kept_results = FragmentStore(max_entries=500, max_bytes=8 * 1024 * 1024)


def _found(
    request: HttpRequest, query: str, language: str, filters: Filters, number: int
) -> SearchPage:
    """Page ``number`` of the search, kept as a list's page of rows is (per
    address, language and zone, until the site changes): a repeated search
    was ~5 ms of CPU each time (bench/http.py --cpu), as much as the
    engine's own work. Not with a date filter: "the past week" moves with
    the clock, not at the site's scheduled changes."""

    def found() -> SearchPage:
        page = search(query, language=language, filters=filters, page=number, site=request.tenant)
        # Kept with the results: the reasons are in the page's language,
        # which the kept page's key holds.
        for result in page.results:
            result.why = _why(result, page.understood)
        return page

    if filters.since is not None:
        return found()
    asked = _asked(query, filters, number)
    return kept_value(request, "search", [asked], found, store=kept_results)


def _asked(query: str, filters: Filters, *more) -> str:
    # One JSON value: the words are anyone's text, the key's parts must not run together.
    return json.dumps([query, filters.kind, filters.product, filters.country, *more])


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    form = search_form(request)
    query, filters = form.query_and_filters()
    number = page_number(request)
    found = _found(request, query, language, filters, number)
    if number > found.num_pages:
        # Past the end (a bookmark from when there were more): the last page,
        # in place, as every list's pager does.
        number = found.num_pages
        found = _found(request, query, language, filters, number)
    pager = page_of(
        request,
        found.results,
        number=number,
        count=found.total,
        per_page=found.per_page,
        count_is_lower_bound=found.capped,
        has_next=found.has_next,
    )
    searched = bool(query or filters)
    given = form.given()
    ways = []
    if searched and not found.total:
        ways = _ways_forward(request, form, query, filters, language)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "searched": searched,
            "found": found,
            "results": found.results,
            # The results list, written once for as long as its page is kept
            # (~0.25 ms of a kept search's ~2 ms of CPU in process, session 26).
            "kept_as": _asked(query, filters, number) if filters.since is None else "",
            "pager": pager,
            "suggestions": ways,
            "given": given,
            "unfiltered_url": address(
                request, type=None, product=None, country=None, date=None, page=None
            ),
            "feed_url": _feed_address(request),
            "alert_query": urlencode({"q": query, **given}),
            "feed_label": _("Follow this search (Atom feed)"),
        },
    )


def _why(result: Result, understood: Understanding) -> str:
    """Why a result is there when the query's words are not in it."""
    names = [str(name) for code, name in understood.names.items() if code in result.products]
    if result.tier == Tier.PRODUCT and names:
        return _("Listed under %(products)s") % {"products": ", ".join(names)}
    if result.tier == Tier.OTHER_LANGUAGE:
        return _("Mentions one of these products by another of its names")
    return ""


def _ways_forward(request, form, query, filters, language) -> list[dict]:
    """Ways forward from a search that found nothing, kept as its results
    are (per address until the site changes; never with a date filter):
    each tries spellings, the other languages and each filter dropped, five
    queries in all ('pasar' on China–Indonesia: ~5.9 ms of CPU a visit,
    against ~1.7 for a search kept with its results, bench/http.py's mixed
    run)."""
    site, given = request.tenant, form.given()

    def suggested() -> Suggestions:
        return suggest(query, language=language, filters=filters, given=given, site=site)

    if filters.since is None:
        asked = _asked(query, filters, sorted(given))
        found = kept_value(request, "search-ways", [asked], suggested, store=kept_results)
    else:
        found = suggested()
    return ways_as_links(
        request,
        spellings=found.spellings,
        languages=found.languages,
        without=found.without,
        labels=form.given_labels(),
    )


def ways_as_links(
    request: HttpRequest,
    *,
    spellings: list[tuple[str, int]],
    languages: list[tuple[str, int]],
    without: list[tuple[str, int]],
    labels: dict[str, str],
) -> list[dict]:
    """Ways forward from a search that found nothing (a spelling, the same
    search in another language, the search without a filter, each with what
    it finds) as the links ``search/includes/ways_forward.html`` shows; the
    hub's search offers its own the same way."""
    ways = [
        {"kind": "spelling", "text": text, "hits": hits, "url": address(request, q=text, page=None)}
        for text, hits in spellings
    ]
    query_string = address(request, page=None)[len(request.path) :]
    ways += [
        {
            "kind": "language",
            "text": other,
            "hits": hits,
            "url": f"/{other}{strip_language(request.path)}{query_string}",
        }
        for other, hits in languages
    ]
    ways += [
        {
            "kind": "filter",
            "text": labels[name],
            "hits": hits,
            "url": address(request, **{name: None, "page": None}),
        }
        for name, hits in without
    ]
    return ways


def _feed_address(request: HttpRequest) -> str:
    query = address(request, page=None)[len(request.path) :]
    return reverse("search_feed") + query


@require_safe
@cache_control(max_age=300, public=True)
def product_lookup(request: HttpRequest) -> JsonResponse:
    """Products matching what someone typed, for the product field's list:
    ``{"results": [{"code": "0801", "label": "0801 · …", "lang": "vi"}]}``."""
    text = clean_text(request.GET.get("q", ""), 200)
    language = translation.get_language()
    matches = lookup(text, language, request.tenant, limit=LOOKUP_RESULTS) if text else []
    return JsonResponse(
        {
            "results": [
                {"code": m.code, "label": m.label, "lang": m.name.language, "matched": m.matched}
                for m in matches
            ]
        }
    )

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from search.query import search
from search.registry import kinds
from search.text import MAX_QUERY_LENGTH


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    types = kinds()
    if kind not in {value for value, _label in types}:
        kind = ""
    results = search(query, language=translation.get_language(), kind=kind) if query else []
    return render(
        request,
        "search/search.html",
        {"query": query, "kind": kind, "kinds": types, "results": results},
    )

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from cooperation.models import Article
from cooperation.services import search, search_text

HOME_ARTICLES = 5


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.published()[:HOME_ARTICLES]
    return render(request, "cooperation/home.html", {"articles": articles})


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.published()[:50]
    return render(request, "cooperation/article_list.html", {"articles": articles})


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(request, "cooperation/article_detail.html", {"article": article})


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[: search_text.MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    kinds = search.kinds()
    if kind not in {value for value, _label in kinds}:
        kind = ""
    results = search.search(query, language=translation.get_language(), kind=kind) if query else []
    return render(
        request,
        "cooperation/search.html",
        {"query": query, "kind": kind, "kinds": kinds, "results": results},
    )

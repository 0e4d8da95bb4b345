"""Error views that render the project's error pages with the request, so
they are the site's pages in the reader's language (Django's default 400
view renders its template without the request)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)

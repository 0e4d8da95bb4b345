from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from i18n.services.translation_status import site_status, target_languages


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


ITEMS_ON_PAGE = 50


@require_GET
@staff_member_required
def translation_status(request: HttpRequest) -> HttpResponse:
    """For editors: how much is translated, per content type and language."""
    site = request.tenant
    languages = target_languages(site)
    statuses = site_status(site, languages, item_limit=ITEMS_ON_PAGE)
    rows = [
        {
            "status": status,
            "languages": [
                {
                    "code": language,
                    "counts": status.counts[language],
                    "percent": status.percent(language),
                    "items": [
                        (item.instance, item.states[language], _change_url(item.instance))
                        for item in status.items
                        if language in item.states
                    ],
                }
                for language in languages
            ],
        }
        for status in statuses
    ]
    return render(
        request,
        "i18n/translation_status.html",
        {
            "rows": rows,
            "languages": languages,
            "source": site.default_language,
            "items_on_page": ITEMS_ON_PAGE,
        },
    )


def _change_url(instance) -> str:
    meta = instance._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from translations.services.translation_status import site_status, target_languages
from web.permissions import require_perm

ITEMS_ON_PAGE = 50


@require_safe
@login_required(login_url="admin:login")
def translation_status(request: HttpRequest) -> HttpResponse:
    """For editors and translators: how much is translated, per content type and language."""
    require_perm(request, "i18n.view_translationsource")
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
        "translations/translation_status.html",
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

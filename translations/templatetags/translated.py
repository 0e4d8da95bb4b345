"""Show translated content with honest fallback.

{% shown article "title" as title %}
<h1 lang="{{ title.language }}">{{ title }}</h1>
{% fallback_note title %}
"""

from django import template
from django.utils import translation

from languages.formatting import language_name
from tenants.context import current_site
from tenants.hub import is_hub
from translations.fallback import ShownText, fallback_chain, shown_text

register = template.Library()


@register.simple_tag(takes_context=True)
def shown(context, instance, field: str) -> ShownText:
    """Works in pages (the request's site) and in e-mails (the schema's site)."""
    request = context.get("request")
    language = translation.get_language()
    site = getattr(request, "tenant", None) if request is not None else current_site()
    chain = [language] if is_hub(site) else fallback_chain(site, language)
    return shown_text(instance, field, chain)


@register.inclusion_tag("translations/fallback_note.html")
def fallback_note(*texts: ShownText) -> dict:
    """One note for a block whose texts may fall back: names the first fallback language."""
    fallback = next((text for text in texts if text.is_fallback), None)
    if fallback is None:
        return {"note": None}
    reader = fallback.requested
    return {
        "note": {
            "requested": language_name(reader, reader),
            "shown": language_name(fallback.language, reader),
        }
    }


@register.filter
def shown_language_name(text: ShownText) -> str:
    return language_name(text.language, text.requested)

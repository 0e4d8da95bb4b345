"""What to show when content is missing in the reader's language.

Each site has a fallback chain: the requested language, then English if
the site offers it, then the site default, then the site's other languages
(China–Vietnam, read in Vietnamese: vi → en → zh-hans). Display code asks
for a :class:`ShownText`, which says which language the text is really in,
so the page can mark it (``lang``) and tell the reader.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from languages.columns import text_in
from tenants.models import Site

BRIDGE_LANGUAGE = "en"


def fallback_chain(site: Site, language: str) -> list[str]:
    chain = [language]
    for candidate in (BRIDGE_LANGUAGE, site.default_language, *site.languages):
        if candidate in site.languages and candidate not in chain:
            chain.append(candidate)
    return chain


@dataclass(frozen=True)
class ShownText:
    text: str
    language: str  # the language the text is written in
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    def __str__(self) -> str:
        return self.text


def shown_text(instance, field: str, chain: Sequence[str]) -> ShownText:
    """The first non-empty translation of ``field`` along ``chain``.

    A model may hold back translations that are not ready with an
    ``unpublished_languages`` list; those languages are skipped.
    """
    held_back = getattr(instance, "unpublished_languages", None) or ()
    for language in chain:
        if language in held_back:
            continue
        value = text_in(instance, field, language)
        if value:
            return ShownText(text=value, language=language, requested=chain[0])
    return ShownText(text="", language=chain[0], requested=chain[0])


def shown_texts(site: Site, instance, *fields: str) -> dict[str, ShownText]:
    """What ``{% shown instance field %}`` gives on ``site``'s page, for each
    of ``fields`` at once: a detail page shows its title in four blocks
    (title, link preview, breadcrumbs, heading), and each of the tags that
    worked it out again cost ~10–20 µs of CPU (bench/http.py's pages)."""
    chain = fallback_chain(site, translation.get_language())
    return {field: shown_text(instance, field, chain) for field in fields}


def displayed(field: str, chain: Sequence[str]) -> Coalesce:
    """SQL for the value shown for ``field`` along ``chain`` (empty strings skipped)."""
    columns = [NullIf(F(build_localized_fieldname(field, lang)), Value("")) for lang in chain]
    if len(columns) == 1:
        columns.append(Value(""))
    return Coalesce(*columns, output_field=CharField())


def current_site_text(instance, field: str) -> str:
    """``field`` of ``instance`` for a record's name (``__str__``, the admin's
    messages): along the current site's chain from the active language,
    which may be a staff language the site does not offer. Outside a site
    (commands, the hub) modeltranslation's own fallback is used."""
    site = getattr(connection, "tenant", None)
    if getattr(site, "languages", None):
        language = translation.get_language() or site.default_language
        text = shown_text(instance, field, fallback_chain(site, language)).text
        if text:
            return text
    return getattr(instance, field, "") or ""

"""Send a site's missing and outdated texts to translators as PO, and take them back.

Each entry's context names the text (``cooperation.article:12:title``); its
msgid is the source text and, for outdated entries, msgstr the current
translation, marked fuzzy. A comment carries a digest of the translation as
exported, so an import never overwrites a translation someone changed on
the site in the meantime.
"""

import io
import re
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from django.db import transaction
from django.utils.translation import to_locale
from modeltranslation.utils import build_localized_fieldname

from languages.columns import text_in
from tenants.models import Site
from translations.services.translation_status import (
    OUTDATED,
    digest,
    model_for_label,
    site_status,
    translated_fields,
)

CONTEXT = re.compile(r"^(?P<label>[a-z_]+\.[a-z_]+):(?P<pk>\d+):(?P<field>[a-z_]+)$")
DIGEST_COMMENT = "translation-digest: "


def export_catalog(site: Site, language: str) -> bytes:
    catalog = Catalog(
        locale=to_locale(language),
        project=f"{site.code} content",
        fuzzy=False,
    )
    for model_status in site_status(site, [language]):
        label = model_status.model._meta.label_lower
        for item in model_status.items:
            for state in item.states.get(language, []):
                catalog.add(
                    state.source,
                    string=state.translation,
                    context=f"{label}:{item.instance.pk}:{state.field}",
                    flags=["fuzzy"] if state.state == OUTDATED else [],
                    auto_comments=[
                        f"state: {state.state}",
                        DIGEST_COMMENT + digest(state.translation),
                    ],
                )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_lineno=False, sort_output=True)
    return buffer.getvalue()


@dataclass
class ImportReport:
    applied: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (context, why): not an error
    errors: list[tuple[str, str]] = field(default_factory=list)  # (context, why)


class CatalogError(Exception):
    pass


def import_catalog(
    site: Site, language: str, data: bytes, *, partial: bool = False
) -> ImportReport:
    """Apply translated entries. With any error and not ``partial``, apply nothing."""
    if language not in site.languages or language == site.default_language:
        raise CatalogError(f"{language!r} is not a translation language of site {site.code}")
    try:
        catalog = read_po(io.BytesIO(data), locale=to_locale(language), abort_invalid=True)
    except Exception as error:  # Babel raises several kinds for unreadable files
        raise CatalogError(f"not a readable PO file: {error}") from None
    report = ImportReport()
    changes = []
    for message in catalog:
        if not message.id:
            continue
        context = message.context or "(no context)"
        problem, change = _check(message, language, site)
        if problem == "skip":
            report.skipped.append((context, change))
        elif problem:
            report.errors.append((context, problem))
        else:
            changes.append((context, change))
    if report.errors and not partial:
        return report
    with transaction.atomic():
        for context, (instance, column, text) in changes:
            setattr(instance, column, text)
            instance.save()
            report.applied.append(context)
    return report


def _check(message, language: str, site: Site):
    """(problem, change): problem is an error text, "skip" with a reason, or None."""
    match = CONTEXT.match(message.context or "")
    model = match and model_for_label(match["label"])
    if not match or model is None or match["field"] not in translated_fields(model):
        return "unknown id", None
    instance = model.objects.filter(pk=int(match["pk"])).first()
    if instance is None:
        return "unknown id: the item no longer exists", None
    source = text_in(instance, match["field"], site.default_language)
    if source != message.id:
        return "the source text changed since export; export again", None
    if not message.string:
        return "skip", "not translated"
    if message.fuzzy:
        return "skip", "still marked fuzzy"
    column = build_localized_fieldname(match["field"], language)
    exported = next(
        (c[len(DIGEST_COMMENT) :] for c in message.auto_comments if c.startswith(DIGEST_COMMENT)),
        None,
    )
    if exported is not None and exported != digest(getattr(instance, column) or ""):
        return "the translation was changed on the site since export", None
    return None, (instance, column, message.string)

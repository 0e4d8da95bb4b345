"""How much of a site's content is translated, and what is missing or outdated.

The source language of a site is its default language. A translation of a
field is *missing* when the source has text and the translation is empty,
*outdated* when the source changed after the translation was written (see
:class:`i18n.models.TranslationSource`), and *current* otherwise.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Count, Exists, Func, OuterRef, Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from i18n.models import TranslationSource
from tenants.context import current_site
from tenants.models import Site

CURRENT, MISSING, OUTDATED = "current", "missing", "outdated"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def translatable_models() -> list[type[models.Model]]:
    """Content models of the site apps registered with modeltranslation."""
    site_apps = {app.split(".")[-1] for app in settings.TENANT_APPS}
    return sorted(
        (
            model
            for model in translator.get_registered_models(abstract=False)
            if model._meta.app_label in site_apps
        ),
        key=lambda model: model._meta.label,
    )


def translated_fields(model: type[models.Model]) -> list[str]:
    return list(translator.get_options_for_model(model).fields)


def record_translations(instance: models.Model, *, site: Site | None = None) -> None:
    """Note, for every translation written or changed by this save, the source it was made from."""
    site = site or current_site()
    source_language = site.default_language
    content_type = ContentType.objects.get_for_model(instance)
    existing = {
        (record.field, record.language): record
        for record in TranslationSource.objects.filter(
            content_type=content_type, object_id=instance.pk
        )
    }
    for name in translated_fields(type(instance)):
        source = getattr(instance, build_localized_fieldname(name, source_language)) or ""
        for language in site.languages:
            if language == source_language:
                continue
            text = getattr(instance, build_localized_fieldname(name, language)) or ""
            record = existing.get((name, language))
            if not text:
                if record is not None:
                    record.delete()
            elif record is None or record.translation_digest != digest(text):
                TranslationSource.objects.update_or_create(
                    content_type=content_type,
                    object_id=instance.pk,
                    field=name,
                    language=language,
                    defaults={"source_digest": digest(source), "translation_digest": digest(text)},
                )


@dataclass
class FieldState:
    field: str
    state: str
    source: str
    translation: str


@dataclass
class ItemStatus:
    instance: models.Model
    states: dict[str, list[FieldState]]  # language → fields needing work

    def state(self, language: str) -> str:
        fields = self.states.get(language, [])
        if any(f.state == MISSING for f in fields):
            return MISSING
        if any(f.state == OUTDATED for f in fields):
            return OUTDATED
        return CURRENT


@dataclass
class ModelStatus:
    model: type[models.Model]
    total: int
    counts: dict[str, Counter] = field(default_factory=dict)  # language → state → n
    items: list[ItemStatus] = field(default_factory=list)  # only those needing work

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def percent(self, language: str) -> int:
        if not self.total:
            return 100
        return round(100 * self.counts[language][CURRENT] / self.total)


def target_languages(site: Site) -> list[str]:
    return [language for language in site.languages if language != site.default_language]


def site_status(
    site: Site, languages: Iterable[str] | None = None, *, item_limit: int | None = None
) -> list[ModelStatus]:
    """Per content model and target language: counts, and the items needing
    work (the first ``item_limit`` of each model, or all)."""
    languages = list(languages or target_languages(site))
    return [_model_status(model, site, languages, item_limit) for model in translatable_models()]


class _Digest(Func):
    """:func:`digest` computed by PostgreSQL (built-in sha256, no extension)."""

    template = "LEFT(ENCODE(SHA256(CONVERT_TO(%(expressions)s, 'UTF8')), 'hex'), 32)"
    output_field = CharField()


def _needing_work(model, names, source_language: str, language: str) -> tuple[Q, Q]:
    """Conditions on a row: some field *missing* in ``language``; some field
    *outdated* (its translation record names another source text)."""
    content_type = ContentType.objects.get_for_model(model)
    missing, outdated = Q(pk__in=[]), Q(pk__in=[])
    for name in names:
        source = build_localized_fieldname(name, source_language)
        target = build_localized_fieldname(name, language)
        has_source = Q(**{f"{source}__gt": ""})
        empty = Q(**{f"{target}__isnull": True}) | Q(**{target: ""})
        stale_record = TranslationSource.objects.filter(
            content_type=content_type, object_id=OuterRef("pk"), field=name, language=language
        ).exclude(source_digest=_Digest(OuterRef(source)))
        missing |= has_source & empty
        outdated |= has_source & ~empty & Q(Exists(stale_record))
    return missing, outdated


def _model_status(model, site: Site, languages: list[str], item_limit: int | None) -> ModelStatus:
    """Counts in SQL (one query per language); only the rows needing work are
    read, so a site with 100,000 articles costs what its backlog costs."""
    names = translated_fields(model)
    needing, counted = Q(pk__in=[]), {"total": Count("pk")}
    for language in languages:
        missing, outdated = _needing_work(model, names, site.default_language, language)
        counted[f"{language}:{MISSING}"] = Count("pk", filter=missing)
        counted[f"{language}:{OUTDATED}"] = Count("pk", filter=~missing & outdated)
        needing |= missing | outdated
    counts = model.objects.aggregate(**counted)
    status = ModelStatus(model=model, total=counts["total"])
    for language in languages:
        missing, outdated = counts[f"{language}:{MISSING}"], counts[f"{language}:{OUTDATED}"]
        status.counts[language] = Counter(
            {MISSING: missing, OUTDATED: outdated, CURRENT: status.total - missing - outdated}
        )
    wanted = [site.default_language, *languages]
    columns = [build_localized_fieldname(name, language) for name in names for language in wanted]
    rows = model.objects.filter(needing).only("pk", *columns).order_by("pk")
    if item_limit is not None:
        rows = rows[:item_limit]
    rows = list(rows)
    records = (
        {
            (r.object_id, r.field, r.language): r.source_digest
            for r in TranslationSource.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                language__in=languages,
                object_id__in=[row.pk for row in rows],
            )
        }
        if rows
        else {}
    )
    for instance in rows:
        item = ItemStatus(instance=instance, states={})
        for language in languages:
            for name in names:
                state = _field_state(instance, name, site.default_language, language, records)
                if state is not None:
                    item.states.setdefault(language, []).append(state)
        if item.states:
            status.items.append(item)
    return status


def _field_state(instance, name, source_language, language, records) -> FieldState | None:
    source = getattr(instance, build_localized_fieldname(name, source_language)) or ""
    if not source:
        return None
    text = getattr(instance, build_localized_fieldname(name, language)) or ""
    if not text:
        return FieldState(name, MISSING, source, "")
    if records.get((instance.pk, name, language)) not in (None, digest(source)):
        return FieldState(name, OUTDATED, source, text)
    return None


def model_for_label(label: str) -> type[models.Model] | None:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if model in translatable_models() else None

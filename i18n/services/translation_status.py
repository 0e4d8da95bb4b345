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


def site_status(site: Site, languages: Iterable[str] | None = None) -> list[ModelStatus]:
    """Per content model and target language: counts and the items needing work."""
    languages = list(languages or target_languages(site))
    return [_model_status(model, site, languages) for model in translatable_models()]


def _model_status(model, site: Site, languages: list[str]) -> ModelStatus:
    names = translated_fields(model)
    wanted = [site.default_language, *languages]
    columns = [build_localized_fieldname(name, language) for name in names for language in wanted]
    content_type = ContentType.objects.get_for_model(model)
    records = {
        (r.object_id, r.field, r.language): r.source_digest
        for r in TranslationSource.objects.filter(content_type=content_type, language__in=languages)
    }
    status = ModelStatus(
        model=model, total=0, counts={language: Counter() for language in languages}
    )
    for instance in model.objects.only("pk", *columns).order_by("pk").iterator(chunk_size=2000):
        status.total += 1
        item = ItemStatus(instance=instance, states={})
        for language in languages:
            for name in names:
                state = _field_state(instance, name, site.default_language, language, records)
                if state is not None:
                    item.states.setdefault(language, []).append(state)
            status.counts[language][item.state(language)] += 1
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

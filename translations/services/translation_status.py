"""How much of a site's content is translated, and what is missing or outdated.

The source language of an item is its site's default language, unless its
model says that each row names its own (``translation_source_field``: a
listing posted in Vietnamese on China–Vietnam is translated *from*
Vietnamese, into Chinese and English). A translation of a field is
*missing* when the source has text and the translation is empty,
*outdated* when the source changed after the translation was written (see
:class:`translations.models.TranslationSource`), and *current* otherwise.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from psycopg2 import sql

from languages.columns import text_in
from tenants.context import current_site
from tenants.models import Site
from translations.models import TranslationGap, TranslationGapCount, TranslationSource
from translations.services.translation_gaps import ensure_gaps, refresh_gaps

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


def source_field(model: type[models.Model]) -> str | None:
    """The field naming each row's own source language, if the model has one."""
    return getattr(model, "translation_source_field", None)


def source_language_of(instance: models.Model, site: Site) -> str:
    """The language ``instance`` is translated from on ``site``."""
    name = source_field(type(instance))
    own = getattr(instance, name, "") if name else ""
    return own if own in site.languages else site.default_language


def languages_of_model(model: type[models.Model], site: Site) -> list[str]:
    """The languages items of ``model`` may be translated into on ``site``:
    every site language when rows name their source, else all but the default."""
    return list(site.languages) if source_field(model) else target_languages(site)


def record_translations(instance: models.Model, *, site: Site | None = None) -> None:
    """Note, for every translation written or changed by this save, the source it was made from."""
    site = site or current_site()
    source_language = source_language_of(instance, site)
    content_type = ContentType.objects.get_for_model(instance)
    existing = {
        (record.field, record.language): record
        for record in TranslationSource.objects.filter(
            content_type=content_type, object_id=instance.pk
        )
    }
    for name in translated_fields(type(instance)):
        source = text_in(instance, name, source_language)
        for language in site.languages:
            if language == source_language:
                continue
            text = text_in(instance, name, language)
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
                    defaults={
                        "source_digest": digest(source),
                        "source_text": source,
                        "translation_digest": digest(text),
                    },
                )
    refresh_gaps([instance], site=site)


def record_new_translations(instances: Iterable[models.Model], *, site: Site | None = None) -> int:
    """:func:`record_translations` for objects just created with ``bulk_create``
    (which sends no signal), in one statement: each translation was made from
    the source as it is now. A record that exists already is left as it is,
    so an outdated translation stays outdated. Returns the records written."""
    site = site or current_site()
    instances = list(instances)
    records = []
    for instance in instances:
        source_language = source_language_of(instance, site)
        content_type = ContentType.objects.get_for_model(instance)
        for name in translated_fields(type(instance)):
            source = text_in(instance, name, source_language)
            for language in site.languages:
                text = text_in(instance, name, language)
                if language != source_language and text:
                    records.append(
                        TranslationSource(
                            content_type=content_type,
                            object_id=instance.pk,
                            field=name,
                            language=language,
                            source_digest=digest(source),
                            source_text=source,
                            translation_digest=digest(text),
                        )
                    )
    TranslationSource.objects.bulk_create(records, ignore_conflicts=True)
    refresh_gaps(instances, site=site)
    return len(records)


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
    source_language: str = ""

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
    languages: list[str] = field(default_factory=list)  # those this model is translated into
    counts: dict[str, Counter] = field(default_factory=dict)  # language → state → n
    items: list[ItemStatus] = field(default_factory=list)  # only those needing work

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def percent(self, language: str) -> int | None:
        """How much is current, or None when there is nothing to translate
        (no item: that is not "100 % done")."""
        if not self.total or language not in self.counts:
            return None
        return round(100 * self.counts[language][CURRENT] / self.total)


def target_languages(site: Site) -> list[str]:
    return [language for language in site.languages if language != site.default_language]


def site_status(
    site: Site, languages: Iterable[str] | None = None, *, item_limit: int | None = None
) -> list[ModelStatus]:
    """Per content model and language: counts, and the items needing work
    (the first ``item_limit`` of each model, or all). ``languages`` defaults
    to every language the site translates into; each model keeps those it
    can be translated into.

    Read from the rows kept in step on write (``translation_gaps``): one
    statement counts every model's items and reads the gaps' counts, one
    lists the items needing work, then two per model that has some (their
    fields). The
    cost follows the backlog and the number of models, not the content."""
    ensure_gaps(site)
    wanted = list(languages) if languages is not None else list(site.languages)
    models = translatable_models()
    types = ContentType.objects.get_for_models(*models)
    chosen = {
        model: [lang for lang in wanted if lang in languages_of_model(model, site)]
        for model in models
    }
    gaps = sql.Identifier(TranslationGap._meta.db_table)
    counted = [
        sql.SQL("SELECT {ct}, NULL, NULL, COUNT(*) FROM {table}").format(
            ct=sql.Literal(types[model].pk), table=sql.Identifier(model._meta.db_table)
        )
        for model in models
    ]
    counted.append(
        sql.SQL("SELECT content_type_id, language, state, number FROM {counts}").format(
            counts=sql.Identifier(TranslationGapCount._meta.db_table)
        )
    )
    totals: dict[int, int] = {}
    numbers: dict[tuple[int, str], Counter] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL(" UNION ALL ").join(counted))
        for content_type, language, state, number in cursor.fetchall():
            if language is None:
                totals[content_type] = number
            else:
                numbers.setdefault((content_type, language), Counter())[state] = number
    needing: dict[int, list[int]] = {}
    listed = []
    for model in models:
        counts = [numbers.get((types[model].pk, lang), Counter()) for lang in chosen[model]]
        if any(c[MISSING] or c[OUTDATED] for c in counts):
            limit = (
                sql.SQL(" LIMIT {}").format(sql.Literal(item_limit)) if item_limit else sql.SQL("")
            )
            listed.append(
                sql.SQL(
                    "(SELECT DISTINCT content_type_id, object_id FROM {gaps}"
                    " WHERE content_type_id = {ct} AND language = ANY({languages})"
                    " ORDER BY object_id{limit})"
                ).format(
                    gaps=gaps,
                    ct=sql.Literal(types[model].pk),
                    languages=sql.Literal(chosen[model]),
                    limit=limit,
                )
            )
    if listed:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL(" UNION ALL ").join(listed))
            for content_type, object_id in cursor.fetchall():
                needing.setdefault(content_type, []).append(object_id)
    result = []
    for model in models:
        content_type = types[model].pk
        total = totals.get(content_type, 0)
        if not chosen[model]:  # a site with one language has nothing to translate
            result.append(ModelStatus(model=model, total=total))
            continue
        status = ModelStatus(model=model, total=total, languages=chosen[model])
        for language in chosen[model]:
            counts = numbers.get((content_type, language), Counter())
            status.counts[language] = Counter(
                {
                    MISSING: counts[MISSING],
                    OUTDATED: counts[OUTDATED],
                    CURRENT: total - counts[MISSING] - counts[OUTDATED],
                }
            )
        ids = sorted(needing.get(content_type, []))
        status.items = item_statuses(model, ids, site, chosen[model]) if ids else []
        result.append(status)
    return result


DIGEST_SQL = "LEFT(ENCODE(SHA256(CONVERT_TO({}, 'UTF8')), 'hex'), 32)"  # = digest()


class _Columns:
    """SQL for one model's columns on a row alias, with its source language:
    the site default, or each row's own (``source_field``)."""

    def __init__(self, model, site: Site):
        self.model, self.site = model, site
        self.own = source_field(model)

    def column(self, alias: str, name: str, code: str) -> sql.Composed:
        field = self.model._meta.get_field(build_localized_fieldname(name, code))
        return sql.SQL("{}.{}").format(sql.Identifier(alias), sql.Identifier(field.column))

    def source_language(self, alias: str) -> sql.Composable:
        if not self.own:
            return sql.Literal(self.site.default_language)
        column = sql.SQL("{}.{}").format(
            sql.Identifier(alias), sql.Identifier(self.model._meta.get_field(self.own).column)
        )
        return sql.SQL("(CASE WHEN {col} IN ({codes}) THEN {col} ELSE {default} END)").format(
            col=column,
            codes=sql.SQL(", ").join(sql.Literal(code) for code in self.site.languages),
            default=sql.Literal(self.site.default_language),
        )

    def source(self, alias: str, name: str) -> sql.Composable:
        default = self.column(alias, name, self.site.default_language)
        if not self.own:
            return default
        cases = [
            sql.SQL("WHEN {} THEN {}").format(sql.Literal(code), self.column(alias, name, code))
            for code in self.site.languages
            if code != self.site.default_language
        ]
        if not cases:  # a site in one language: "CASE x ELSE y END" is not SQL
            return default
        return sql.SQL("(CASE {} {} ELSE {} END)").format(
            self.source_language(alias), sql.SQL(" ").join(cases), default
        )


def _conditions(
    model, names, site: Site, language: str, *, ids: list[int] | None = None
) -> tuple[sql.SQL, sql.SQL]:
    """SQL conditions on a row ``t`` of ``model``: some field *missing* in
    ``language``; some field *outdated* (its translation record names another
    source text). The second only visits rows that have records, once (of
    ``ids`` only, when given). Both are true or false, never NULL (empty
    columns are NULL)."""
    table = sql.Identifier(model._meta.db_table)
    pk = sql.Identifier(model._meta.pk.column)
    columns = _Columns(model, site)
    not_source = sql.SQL("{} <> {}").format(columns.source_language("t"), sql.Literal(language))

    missing, stale = [], []
    for name in names:
        missing.append(
            sql.SQL("(COALESCE({}, '') <> '' AND COALESCE({}, '') = '')").format(
                columns.source("t", name), columns.column("t", name, language)
            )
        )
        source = columns.source("s", name)
        stale.append(
            sql.SQL(
                "(r.field = {} AND COALESCE({}, '') <> '' AND COALESCE({}, '') <> '' AND r.source_digest <> "
            ).format(sql.Literal(name), source, columns.column("s", name, language))
            + sql.SQL(DIGEST_SQL).format(source)
            + sql.SQL(")")
        )
    content_type = ContentType.objects.get_for_model(model).pk
    outdated = sql.SQL(
        "t.{pk} IN (SELECT r.object_id FROM {records} r"
        " JOIN {table} s ON s.{pk} = r.object_id"
        " WHERE r.content_type_id = {ct} AND r.language = {language}{among} AND ({stale}))"
    ).format(
        pk=pk,
        records=sql.Identifier(TranslationSource._meta.db_table),
        table=table,
        ct=sql.Literal(content_type),
        language=sql.Literal(language),
        among=sql.SQL(" AND r.object_id = ANY({})").format(sql.Literal(ids))
        if ids
        else sql.SQL(""),
        stale=sql.SQL(" OR ").join(stale),
    )
    missing_any = sql.SQL("({} AND ({}))").format(not_source, sql.SQL(" OR ").join(missing))
    return missing_any, sql.SQL("({} AND {})").format(not_source, outdated)


def item_statuses(model, ids: Iterable[int], site: Site, languages: list[str]) -> list[ItemStatus]:
    """The fields of these items needing work in ``languages``: two queries
    (the rows, with only the columns needed, and their records)."""
    names = translated_fields(model)
    own = source_field(model)
    columns = [build_localized_fieldname(name, code) for name in names for code in site.languages]
    # The languages held back from readers, which the title shown follows
    # (translations.fallback, side_by_side.HELD_BACK): a query per item when
    # left out.
    held_back = [f.name for f in model._meta.concrete_fields if f.name == "unpublished_languages"]
    rows = list(
        model.objects.filter(pk__in=list(ids))
        .only("pk", *columns, *([own] if own else []), *held_back)
        .order_by("pk")
    )
    records = (
        {
            (r.object_id, r.field, r.language): r.source_digest
            for r in TranslationSource.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                language__in=languages,
                object_id__in=[row.pk for row in rows],
            ).only("object_id", "field", "language", "source_digest")
        }
        if rows
        else {}
    )
    items = []
    for instance in rows:
        source_language = source_language_of(instance, site)
        item = ItemStatus(instance=instance, states={}, source_language=source_language)
        for language in languages:
            if language == source_language:
                continue
            for name in names:
                state = _field_state(instance, name, source_language, language, records)
                if state is not None:
                    item.states.setdefault(language, []).append(state)
        if item.states:
            items.append(item)
    return items


def field_state(instance, name: str, source_language: str, language: str) -> str | None:
    """One field's state in ``language``: MISSING, OUTDATED, CURRENT, or None
    when the source is empty (nothing to translate)."""
    source = text_in(instance, name, source_language)
    if not source:
        return None
    if not text_in(instance, name, language):
        return MISSING
    record = TranslationSource.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        field=name,
        language=language,
    ).first()
    if record is not None and record.source_digest != digest(source):
        return OUTDATED
    return CURRENT


def _field_state(instance, name, source_language, language, records) -> FieldState | None:
    source = text_in(instance, name, source_language)
    if not source:
        return None
    text = text_in(instance, name, language)
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


def backlog(site: Site, languages: Iterable[str] | None = None) -> dict[str, Counter]:
    """Per language, how many items of all content types have a translation
    missing or outdated (the editors' dashboard): one statement over the
    rows kept in step on write, whatever the number of items."""
    languages = list(languages) if languages is not None else list(site.languages)
    result = {language: Counter({MISSING: 0, OUTDATED: 0}) for language in languages}
    models = translatable_models()
    if languages and models:
        ensure_gaps(site)
        counted = TranslationGapCount.objects.filter(language__in=languages).values_list(
            "language", "state", "number"
        )
        for language, state, number in counted:
            result[language][state] += number
    # A language nothing is translated into (the default, where no row names
    # its own source) is left out.
    offered = {code for model in models for code in languages_of_model(model, site)}
    return {language: counts for language, counts in result.items() if language in offered}

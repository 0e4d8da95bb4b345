"""Send a site's missing and outdated texts to translators as PO or XLIFF 2.1,
and take them back.

Each entry names the text it holds (``cooperation.article:12:title``: the PO
context, the XLIFF unit id); its source is the source text and, for outdated
entries, the translation is the current one, marked unconfirmed (PO
``fuzzy``, XLIFF ``state="initial"``). A note carries a digest of the
translation as exported, so an import never overwrites a translation
someone changed on the site in the meantime.

An export covers one item, a batch of items, or everything missing or
outdated in one language (optionally only what is outdated). An import
refuses unknown ids, changed sources, translations changed since export
and rich text whose markup was not kept, and applies nothing when anything
is wrong unless ``partial`` is given.
"""

import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from modeltranslation.utils import build_localized_fieldname

from languages.columns import text_in
from languages.formatting import language_in_sentence, language_name
from languages.registry import file_language, get_language
from tenants.addresses import site_url
from tenants.models import Site
from tenants.naming import name_in
from tenants.services.site_archive import portal_version
from translations.services import xliff, zip_batch
from translations.services.markup import same_markup
from translations.services.side_by_side import (
    field_label,
    hold_back_if_new,
    title_of,
    written_in,
)
from translations.services.translation_status import (
    MISSING,
    OUTDATED,
    digest,
    item_statuses,
    model_for_label,
    site_status,
    source_language_of,
    translated_fields,
)

CONTEXT = re.compile(r"^(?P<label>[a-z_]+\.[a-z_]+):(?P<pk>[0-9]{1,18}):(?P<field>[a-z_]+)$")
DIGEST_COMMENT = "translation-digest: "
PO, XLIFF = "po", "xliff"
FORMATS = (PO, XLIFF)


@dataclass(frozen=True)
class Entry:
    """One text to translate, as exported."""

    context: str
    source: str
    translation: str
    state: str  # MISSING or OUTDATED
    source_language: str


def context_of(instance: models.Model, name: str) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}:{name}"


def entries_for(
    site: Site,
    language: str,
    *,
    items: Sequence[tuple[type[models.Model], int]] | None = None,
    states: Iterable[str] = (MISSING, OUTDATED),
) -> list[Entry]:
    """What needs translating into ``language``: of ``items`` (model, pk), or
    of the whole site; only in ``states``."""
    wanted = set(states)
    if items is None:
        statuses = [(s.model, s.items) for s in site_status(site, [language])]
    else:
        by_model: dict[type[models.Model], list[int]] = {}
        for model, pk in items:
            by_model.setdefault(model, []).append(pk)
        statuses = [
            (model, item_statuses(model, pks, site, [language])) for model, pks in by_model.items()
        ]
    entries = []
    for _model, item_list in statuses:
        for item in item_list:
            for state in item.states.get(language, []):
                if state.state in wanted:
                    entries.append(
                        Entry(
                            context=context_of(item.instance, state.field),
                            source=state.source,
                            translation=state.translation,
                            state=state.state,
                            source_language=item.source_language,
                        )
                    )
    return sorted(entries, key=lambda entry: entry.context)


@dataclass(frozen=True)
class FileHeader:
    """What an exported file says about where it comes from: the site, its
    contact (or none), the language, the moment of the export, the program."""

    site_label: str  # "China–Vietnam … (cn-vn)", in the target language
    contact: str
    language: str
    language_label: str  # the target language's English name (headers are read by tools)
    exported: datetime.datetime
    address: str
    generator: str


def _one_line(text: str) -> str:
    """``text`` fit for a header line: a name typed with a line break or a
    control character would end a PO comment early (the rest read as
    entries) or make the XLIFF file ill-formed XML."""
    return " ".join("".join(c if unicodedata.category(c)[0] != "C" else " " for c in text).split())


def file_header(site: Site, language: str) -> FileHeader:
    return FileHeader(
        site_label=_one_line(f"{name_in(site, language)} ({site.code})"),
        contact=_one_line(site.contact_email),
        language=language,
        language_label=language_name(language, "en"),
        exported=timezone.now().replace(second=0, microsecond=0),
        address=site_url(site, "/"),
        generator=f"trade-portal {portal_version()}",
    )


class _PortalCatalog(Catalog):
    """Babel's catalog with headers of the portal's own: Babel writes itself
    as the generator and a placeholder wherever a value is empty."""

    overrides: dict[str, str] = {}

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        return [(name, self.overrides.get(name, value)) for name, value in self._get_mime_headers()]


def _po_catalog(site: Site, language: str) -> Catalog:
    header = file_header(site, language)
    catalog = _PortalCatalog(
        locale=to_locale(language),
        header_comment=(
            f"# Translations of the content of {header.site_label} into {header.language_label}.\n"
            f"# Exported from {header.address} on {header.exported:%Y-%m-%d %H:%M} UTC.\n"
            "# Keep every msgctxt as it is: the site matches the translations by it.\n"
            "#"
        ),
        project=header.site_label,
        version=f"{header.exported:%Y-%m-%d}",
        creation_date=header.exported,
        revision_date=header.exported,
        language_team=f"{header.language_label} translators of {header.site_label}",
        fuzzy=False,
    )
    catalog.overrides = {
        "Report-Msgid-Bugs-To": header.contact,  # empty when the site has none
        "Last-Translator": "",  # the translator's tool writes its user here
        "Generated-By": header.generator,
    }
    return catalog


def export_catalog(site: Site, language: str, **selection) -> bytes:
    """A PO file of :func:`entries_for` (same selection arguments)."""
    catalog = _po_catalog(site, language)
    for entry in entries_for(site, language, **selection):
        catalog.add(
            entry.source,
            string=entry.translation,
            context=entry.context,
            flags=["fuzzy"] if entry.state == OUTDATED else [],
            auto_comments=[
                f"state: {entry.state}",
                f"source-language: {entry.source_language}",
                DIGEST_COMMENT + digest(entry.translation),
            ],
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_lineno=False, sort_output=True)
    return buffer.getvalue()


class CatalogError(Exception):
    pass


def _xliff_of(entries: list[Entry], source_language: str, language: str, site: Site) -> bytes:
    return xliff.write(
        entries=[
            xliff.Unit(
                id=entry.context,
                source=entry.source,
                target=entry.translation,
                confirmed=False,
                notes={"state": entry.state, "translation-digest": digest(entry.translation)},
            )
            for entry in entries
        ],
        source_language=source_language,
        target_language=language,
        original=f"{site.code} content",
        notes=_xliff_notes(file_header(site, language)),
    )


def _xliff_notes(header: FileHeader) -> dict[str, str]:
    return {
        "site": f"{header.site_label}, {header.address}",
        "contact": header.contact,
        "exported": header.exported.isoformat(),
        "generator": header.generator,
    }


def export_xliff(site: Site, language: str, **selection) -> bytes:
    """An XLIFF 2.1 file of :func:`entries_for`. XLIFF names one source
    language per file: items written in different languages go apart
    (:func:`export` puts such files in one ZIP archive)."""
    entries = entries_for(site, language, **selection)
    sources = {entry.source_language for entry in entries} or {site.default_language}
    if len(sources) > 1:
        raise CatalogError(
            _(
                "These items are written in different languages; XLIFF holds one "
                "source language per file. Download them apart, or as PO."
            )
        )
    return _xliff_of(entries, sources.pop(), language, site)


def xliff_archive(site: Site, language: str, **selection) -> tuple[bytes, int]:
    """One XLIFF 2.1 file per source language, in a ZIP archive, and how many files."""
    by_source: dict[str, list[Entry]] = {}
    for entry in entries_for(site, language, **selection):
        by_source.setdefault(entry.source_language, []).append(entry)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for source, entries in sorted(by_source.items()):
            archive.writestr(
                f"{site.code}-{source}-{language}.xlf", _xliff_of(entries, source, language, site)
            )
    return buffer.getvalue(), len(by_source)


def export(site: Site, language: str, kind: str, **selection) -> tuple[bytes, str, str]:
    """(content, MIME type, file extension) in ``kind`` (PO or XLIFF). XLIFF
    of items written in several languages is a ZIP of one file per language."""
    if kind == XLIFF:
        try:
            return export_xliff(site, language, **selection), "application/xliff+xml", "xlf"
        except CatalogError:
            return xliff_archive(site, language, **selection)[0], "application/zip", "zip"
    return export_catalog(site, language, **selection), "text/x-gettext-translation", "po"


@dataclass
class ImportReport:
    applied: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (context, why): not an error
    errors: list[tuple[str, str]] = field(default_factory=list)  # (context, why)
    #: Items ("cooperation.article:12") whose language this import held back:
    #: their first text in it waits to be marked checked, as side by side.
    held_back: list[str] = field(default_factory=list)
    #: What each name in ``errors``/``skipped`` stands for: (where, context).
    entries: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Incoming:
    """One entry of a file sent back, whatever its format."""

    context: str
    source: str
    target: str
    confirmed: bool
    unconfirmed_why: str
    exported_digest: str | None
    #: Where it came from in a batch: the archive's member, the XLIFF <file>.
    where: str = ""

    @property
    def named(self) -> str:
        """How messages name it: "vi/articles.xlf › cooperation.article:12:title"."""
        return f"{self.where} › {self.context}" if self.where else self.context


def _from_po(data: bytes, language: str) -> list[Incoming]:
    try:
        catalog = read_po(io.BytesIO(data), locale=to_locale(language), abort_invalid=True)
    except Exception:  # Babel raises several kinds, in English, for unreadable files
        raise CatalogError(_("Not a readable PO or XLIFF file.")) from None
    # Babel reads the Language header over the locale it is given; a file
    # without one (or with an empty one) keeps it and is taken as before.
    if catalog.locale_identifier:
        _check_target(catalog.locale_identifier.replace("_", "-"), language)
    return [
        Incoming(
            context=message.context or "",
            source=message.id,
            target=message.string or "",
            confirmed=not message.fuzzy,
            unconfirmed_why=_("still marked fuzzy"),
            exported_digest=next(
                (
                    c[len(DIGEST_COMMENT) :]
                    for c in message.auto_comments
                    if c.startswith(DIGEST_COMMENT)
                ),
                None,
            ),
        )
        for message in catalog
        if message.id and isinstance(message.id, str)
    ]


def _from_xliff(data: bytes, site: Site, language: str) -> list[Incoming]:
    try:
        document = xliff.read(data)
    except xliff.XliffError as error:
        raise CatalogError(str(error)) from None
    _check_target(document.target_language, language)
    return [
        Incoming(
            context=unit.id,
            source=unit.source,
            target=unit.target,
            confirmed=unit.confirmed,
            unconfirmed_why=_("still in the initial state (not confirmed)"),
            exported_digest=unit.notes.get("translation-digest"),
            where=unit.file,
        )
        for unit in document.units
    ]


def _check_target(found: str, language: str) -> None:
    """Refuse a file whose header names another language than the one chosen
    (``zh_Hans``, ``zh-Hans`` and ``zh_CN`` all being ``zh-hans``)."""
    if file_language(found) != language:
        raise CatalogError(
            _("The file is a translation into %(found)s, not %(language)s.")
            % {"found": _named(found), "language": _named(language)}
        )


def _named(code: str) -> str:
    """A language as the reader's sentence names it ("越南语" for ``vi``); a
    code the portal does not know (a file's ``tlh-Latn``) as it is written."""
    try:
        known = get_language(file_language(code)).code
    except KeyError:
        return _one_line(code)[:40]
    return language_in_sentence(known, translation.get_language() or "en")


def file_kind(data: bytes) -> str:
    """XLIFF when the file is XML, else PO."""
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return XLIFF if head.startswith(b"<") else PO


def read_incoming(site: Site, language: str, data: bytes) -> list[Incoming]:
    """The entries of one PO or XLIFF file."""
    if file_kind(data) == XLIFF:
        return _from_xliff(data, site, language)
    return _from_po(data, language)


def import_catalog(
    site: Site,
    language: str,
    data: bytes,
    *,
    partial: bool = False,
    allowed: Callable[[type[models.Model]], bool] | None = None,
) -> ImportReport:
    """Apply what a translator sends back: one PO or XLIFF file, or a ZIP
    archive of them (as the batch download makes), all together. With any
    error and not ``partial``, apply nothing; messages name the archive's
    file and the unit. ``allowed`` says which kinds of content the person
    sending it may change (all, when not given)."""
    _check_language(site, language)
    if zip_batch.is_zip(data):
        incoming = _from_archive(site, language, data)
    else:
        incoming = read_incoming(site, language, data)
    return apply_incoming(site, language, incoming, partial=partial, allowed=allowed)


def _from_archive(site: Site, language: str, data: bytes) -> list[Incoming]:
    try:
        members = zip_batch.members(data)
    except zip_batch.BatchError as error:
        raise CatalogError(str(error)) from None
    incoming: list[Incoming] = []
    for name, content in members:
        try:
            found = read_incoming(site, language, content)
        except CatalogError as error:
            raise CatalogError(f"{name}: {error}") from None
        incoming += [
            replace(entry, where=f"{name} › {entry.where}" if entry.where else name)
            for entry in found
        ]
    return incoming


def _check_language(site: Site, language: str) -> None:
    if language not in site.languages:
        raise CatalogError(
            _("%(language)s is not a language of this site.") % {"language": language}
        )


def apply_incoming(
    site: Site,
    language: str,
    incoming: list[Incoming],
    *,
    partial: bool = False,
    allowed: Callable[[type[models.Model]], bool] | None = None,
) -> ImportReport:
    """Check every entry (of one file or of a whole batch) and, when none
    is wrong or ``partial`` is given, apply them in one transaction."""
    if language == site.default_language and not any(
        _owns_source(entry.context) for entry in incoming
    ):
        raise CatalogError(
            _("%(language)s is the source language of this site, not a translation language.")
            % {"language": language}
        )
    if not incoming:
        # A broken PO file can read as no entries at all: "0 applied, 0
        # left" looked like success.
        raise CatalogError(_("The file holds no translations to apply."))
    report = ImportReport()
    changes: dict[tuple[str, int], tuple[models.Model, list[tuple[str, str, str]]]] = {}
    seen: set[str] = set()
    for entry in incoming:
        named = entry.named if entry.context else replace(entry, context=_("(no id)")).named
        report.entries[named] = (entry.where, entry.context)
        if entry.context in seen:
            report.errors.append((named, _("the same id twice in the file")))
            continue
        seen.add(entry.context)
        problem, change = _check(entry, language, site, changes, allowed)
        if problem == "skip":
            report.skipped.append((named, change))
        elif problem:
            report.errors.append((named, problem))
        else:
            instance, column, _name, text = change
            key = (instance._meta.label_lower, instance.pk)
            changes.setdefault(key, (instance, []))[1].append((named, column, text))
    if report.errors and not partial:
        return report
    with transaction.atomic():
        for instance, columns in changes.values():
            was_written = written_in(instance, language)
            for _context, column, text in columns:
                setattr(instance, column, text)
            if hold_back_if_new(instance, language, was_written=was_written):
                report.held_back.append(f"{instance._meta.label_lower}:{instance.pk}")
            instance.save()
            report.applied += [context for context, _column, _text in columns]
    return report


def readable_names(site: Site, report: ImportReport, *, limit: int = 20) -> dict[str, str]:
    """For people: the first ``limit`` errors and skipped entries of ``report`` named
    by its item's title (in the reader's language, else the site's fallback)
    and its field's label, as side by side names them ("海关新规 › Body");
    an id the site does not know stays as it is, being all there is to name
    it by. One query per kind of content."""
    wanted: dict[type[models.Model], set[int]] = {}
    parsed: dict[str, tuple[str, type[models.Model], int, str]] = {}
    for named, _why in [*report.errors[:limit], *report.skipped[:limit]]:
        where, context = report.entries.get(named, ("", ""))
        match = CONTEXT.match(context)
        model = match and model_for_label(match["label"])
        if not model or match["field"] not in translated_fields(model):
            continue
        parsed[named] = (where, model, int(match["pk"]), match["field"])
        wanted.setdefault(model, set()).add(int(match["pk"]))
    found = {
        (model, instance.pk): instance
        for model, pks in wanted.items()
        for instance in model._default_manager.filter(pk__in=pks)
    }
    names = {}
    for named, (where, model, pk, name) in parsed.items():
        instance = found.get((model, pk))
        if instance is not None:
            readable = f"{title_of(instance, site)} › {field_label(model, name)}"
            names[named] = f"{where} › {readable}" if where else readable
    return names


def _owns_source(context: str) -> bool:
    match = CONTEXT.match(context or "")
    model = match and model_for_label(match["label"])
    return bool(model and getattr(model, "translation_source_field", None))


def _check(entry: Incoming, language: str, site: Site, changes: dict, allowed):
    """(problem, change): problem is an error text, "skip" with a reason, or None."""
    match = CONTEXT.match(entry.context or "")
    model = match and model_for_label(match["label"])
    if not match or model is None or match["field"] not in translated_fields(model):
        return _("unknown id"), None
    if allowed is not None and not allowed(model):
        return _("you may not change this kind of content"), None
    key = (model._meta.label_lower, int(match["pk"]))
    instance = (
        changes[key][0] if key in changes else model.objects.filter(pk=int(match["pk"])).first()
    )
    if instance is None:
        return _("unknown id: the item no longer exists"), None
    source_language = source_language_of(instance, site)
    if source_language == language:
        return _("unknown id: this text is written in that language"), None
    source = text_in(instance, match["field"], source_language)
    if source != entry.source:
        return _("the source text changed since export; export again"), None
    if not entry.target:
        return "skip", _("not translated")
    if not entry.confirmed:
        return "skip", entry.unconfirmed_why
    if not same_markup(source, entry.target):
        return _("the formatting of the source was not kept (tags, images or links differ)"), None
    column = build_localized_fieldname(match["field"], language)
    if (getattr(instance, column) or "") == entry.target:
        return "skip", _("already so on the site")  # the same file sent twice
    if entry.exported_digest is not None and entry.exported_digest != digest(
        getattr(instance, column) or ""
    ):
        return _("the translation was changed on the site since export"), None
    return None, (instance, column, match["field"], entry.target)

"""A small reader and writer of XLIFF 2.1 (OASIS), for what the portal exchanges.

The portal writes one ``<file>`` of ``<unit>``\\s, each with one
``<segment>`` holding ``<source>`` and, when there is one, ``<target>``;
its notes carry the state and the digest of the translation as exported.
Rich text travels as HTML in the text of ``<source>``/``<target>``
(escaped), which translation tools show as markup to keep.

The reader accepts what tools send back: units inside groups, a unit split
into several segments (joined again in order, with the ``<ignorable>``
text between them), any ``state``. It checks the essentials of the schema
(root element, namespace, version, languages, unique unit ids, a source in
every segment) and refuses a document type declaration, so no entity is
ever expanded.
"""

import xml.parsers.expat
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.utils.translation import gettext as _

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"  # the same for 2.0 and 2.1
VERSIONS = ("2.0", "2.1")
CONFIRMED_STATES = ("translated", "reviewed", "final")
_Q = "{" + NAMESPACE + "}"


class XliffError(ValueError):
    pass


@dataclass
class Unit:
    id: str
    source: str
    target: str = ""
    confirmed: bool = False
    notes: dict[str, str] = field(default_factory=dict)
    #: The ``<file>`` holding it (its ``original``, else its id), when the
    #: document has several: errors name it.
    file: str = ""


@dataclass
class Document:
    source_language: str
    target_language: str
    units: list[Unit]


def bcp47(code: str) -> str:
    """``zh-hans`` → ``zh-Hans``: the script subtag in title case, as BCP 47 writes it."""
    parts = code.split("-")
    return "-".join(
        [parts[0].lower()]
        + [p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p for p in parts[1:]]
    )


def write(
    *,
    entries: list[Unit],
    source_language: str,
    target_language: str,
    original: str,
    notes: dict[str, str] | None = None,
) -> bytes:
    """``notes``: the file's own (where it comes from), by category."""
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(
        _Q + "xliff",
        {"version": "2.1", "srcLang": bcp47(source_language), "trgLang": bcp47(target_language)},
    )
    file = ElementTree.SubElement(root, _Q + "file", {"id": "f1", "original": original})
    if notes:
        holder = ElementTree.SubElement(file, _Q + "notes")
        for category, text in notes.items():
            ElementTree.SubElement(holder, _Q + "note", {"category": category}).text = text
    for entry in entries:
        unit = ElementTree.SubElement(file, _Q + "unit", {"id": entry.id})
        if entry.notes:
            notes = ElementTree.SubElement(unit, _Q + "notes")
            for category, text in entry.notes.items():
                note = ElementTree.SubElement(notes, _Q + "note", {"category": category})
                note.text = text
        segment = ElementTree.SubElement(
            unit, _Q + "segment", {"state": "translated" if entry.confirmed else "initial"}
        )
        source = ElementTree.SubElement(segment, _Q + "source")
        source.text = entry.source
        if entry.target:
            target = ElementTree.SubElement(segment, _Q + "target")
            target.text = entry.target
    ElementTree.indent(root, space=" ")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _refuse_declarations(data: bytes) -> None:
    """Parse once with expat, refusing any document type declaration (and so
    any entity): an XLIFF file has none."""

    def refuse(*args) -> None:
        raise XliffError(_("The file declares a document type; XLIFF files have none."))

    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise XliffError(_("Not a readable XML file: %(error)s") % {"error": error}) from None


def _text(element: ElementTree.Element | None, unit_id: str) -> str:
    if element is None:
        return ""
    if len(element):
        raise XliffError(
            _("Unit %(id)s: inline codes are not supported; keep the HTML as text.")
            % {"id": unit_id}
        )
    return element.text or ""


def read(data: bytes) -> Document:
    _refuse_declarations(data)
    root = ElementTree.fromstring(data)
    if root.tag != _Q + "xliff":
        raise XliffError(
            _("Not an XLIFF 2 file (its root element is not xliff in the XLIFF 2 namespace).")
        )
    if root.get("version") not in VERSIONS:
        raise XliffError(
            _("XLIFF version %(version)s is not supported; use 2.0 or 2.1.")
            % {"version": root.get("version") or "?"}
        )
    source_language, target_language = root.get("srcLang"), root.get("trgLang")
    if not source_language or not target_language:
        raise XliffError(_("The file names no source or no target language."))
    units, ids = [], set()
    files = root.findall(_Q + "file")
    several = len(files) > 1
    for holder, unit in ((f, unit) for f in files for unit in f.iter(_Q + "unit")):
        unit_id = unit.get("id") or ""
        if not unit_id:
            raise XliffError(_("A unit has no id."))
        if unit_id in ids:
            raise XliffError(_("Unit %(id)s appears twice.") % {"id": unit_id})
        ids.add(unit_id)
        sources, targets, states = [], [], []
        parts = [child for child in unit if child.tag in (_Q + "segment", _Q + "ignorable")]
        if not any(part.tag == _Q + "segment" for part in parts):
            raise XliffError(_("Unit %(id)s has no segment.") % {"id": unit_id})
        for part in parts:
            source = part.find(_Q + "source")
            if source is None:
                raise XliffError(_("Unit %(id)s has a segment without source.") % {"id": unit_id})
            target = part.find(_Q + "target")
            sources.append(_text(source, unit_id))
            # Ignorable text goes to the target as it is when no target is given.
            targets.append(
                _text(target, unit_id)
                if target is not None or part.tag == _Q + "segment"
                else _text(source, unit_id)
            )
            if part.tag == _Q + "segment":
                states.append(part.get("state", "initial"))
        notes = {
            note.get("category", ""): note.text or ""
            for note in unit.iter(_Q + "note")
            if note.get("category")
        }
        target = "".join(targets)
        units.append(
            Unit(
                id=unit_id,
                source="".join(sources),
                target=target,
                confirmed=bool(target) and all(state in CONFIRMED_STATES for state in states),
                notes=notes,
                file=(holder.get("original") or holder.get("id") or "") if several else "",
            )
        )
    return Document(source_language, target_language, units)

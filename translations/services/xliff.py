"""A small reader and writer of XLIFF 2.1 (OASIS), for what the portal exchanges.

The portal writes one ``<file>`` of ``<unit>``\\s, each with one
``<segment>`` holding ``<source>`` and, when there is one, ``<target>``;
its notes carry the state and the digest of the translation as exported.
Rich text (article bodies, event descriptions) travels as XLIFF inline
codes, so a translation tool shows the translator words with protected tags,
not raw HTML: each tag's exact text is kept in the unit's ``<originalData>``,
a paired one (``<strong>…</strong>``) becomes ``<pc dataRefStart dataRefEnd>``
around its words, one without an end (``<br>``, ``<img …>``) a
``<ph dataRef>``. Reading puts the same tags back around the words
translated (entities as the sanitiser writes them), so the source reads
exactly as exported; a code that names no data is refused, and the import
then checks the tags and links against the source and cleans the HTML as
every save does. HTML that does not nest (never stored: the sanitiser
closes every tag) goes as escaped text, and a file that carries HTML as
text (as before) is read as it was.

The reader accepts what tools send back: units inside groups, a unit split
into several segments (joined again in order, with the ``<ignorable>``
text between them), any ``state``. It checks the essentials of the schema
(root element, namespace, version, languages, unique unit ids, a source in
every segment) and refuses a document type declaration, so no entity is
ever expanded.
"""

import html
import re
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
    filled: list[tuple[ElementTree.Element, ElementTree.Element]] = []
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
        codes = _Codes()
        source = ElementTree.SubElement(segment, _Q + "source")
        filled.append((source, _filled(_Q + "source", entry.source, codes)))
        if entry.target:
            target = ElementTree.SubElement(segment, _Q + "target")
            filled.append((target, _filled(_Q + "target", entry.target, codes.for_target())))
        if codes.data:
            # Before the segment, as the schema orders a unit's children.
            original = ElementTree.Element(_Q + "originalData")
            for data_id, text in codes.data.items():
                ElementTree.SubElement(original, _Q + "data", {"id": data_id}).text = text
            unit.insert(list(unit).index(segment), original)
    ElementTree.indent(root, space=" ")
    # Words and codes after the indenting, which would add spaces between them.
    for element, content in filled:
        element.text = content.text
        element.extend(list(content))
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


def _text(element: ElementTree.Element | None, unit_id: str, data: dict[str, str]) -> str:
    """The HTML of a ``<source>``/``<target>``: its text as it is (HTML
    written as text, or plain text), or its words and inline codes made HTML
    again with the unit's original data."""
    if element is None:
        return ""
    if not len(element):
        return element.text or ""
    return _html_of(element, unit_id, data)


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
        data = {
            item.get("id") or "": item.text or ""
            for item in unit.iter(_Q + "data")
            if item.get("id")
        }
        sources, targets, states = [], [], []
        parts = [child for child in unit if child.tag in (_Q + "segment", _Q + "ignorable")]
        if not any(part.tag == _Q + "segment" for part in parts):
            raise XliffError(_("Unit %(id)s has no segment.") % {"id": unit_id})
        for part in parts:
            source = part.find(_Q + "source")
            if source is None:
                raise XliffError(_("Unit %(id)s has a segment without source.") % {"id": unit_id})
            target = part.find(_Q + "target")
            sources.append(_text(source, unit_id, data))
            # Ignorable text goes to the target as it is when no target is given.
            targets.append(
                _text(target, unit_id, data)
                if target is not None or part.tag == _Q + "segment"
                else _text(source, unit_id, data)
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


# --- Inline codes -----------------------------------------------------------

# A tag, its attributes' quoted values may hold ">"; comments and the like are
# not tags here (the sanitiser keeps none).
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^<>"']|"[^"]*"|'[^']*')*>""")
_VOID = frozenset({"area", "br", "col", "hr", "img", "input", "source", "wbr"})


def _escape(text: str) -> str:
    """Words as the sanitiser (nh3, html5ever's serialiser) writes them in HTML."""
    return (
        text.replace("&", "&amp;")
        .replace("\xa0", "&nbsp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


class _Codes:
    """The original data of one unit (each distinct tag text once) and the
    ids of its codes: the target's code for the same tags as a source's
    takes that one's id, as XLIFF pairs codes."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}
        self._data_ids: dict[str, str] = {}
        self._source_codes: list[tuple[tuple[str, str], str]] = []
        self._taken: set[str] = set()
        self._target = False
        self._next = 0

    def for_target(self) -> "_Codes":
        self._target = True
        self._taken = set()
        return self

    def data_id(self, text: str) -> str:
        if text not in self._data_ids:
            self._data_ids[text] = f"d{len(self._data_ids) + 1}"
            self.data[self._data_ids[text]] = text
        return self._data_ids[text]

    def code_id(self, key: tuple[str, str]) -> str:
        if self._target:
            for known, code in self._source_codes:
                if known == key and code not in self._taken:
                    self._taken.add(code)
                    return code
        self._next += 1
        code = str(self._next)
        if not self._target:
            self._source_codes.append((key, code))
        return code


def _tokens(text: str) -> list[tuple[str, str, str]] | None:
    """(kind, tag name, raw text) of each tag and run of words; None when the
    HTML does not nest or its words would not read back the same."""
    tokens, stack, at = [], [], 0
    for match in _TAG.finditer(text):
        words = text[at : match.start()]
        if words:
            tokens.append(("words", "", words))
        closing, name = match[1], match[2].lower()
        if closing:
            if not stack or stack[-1] != name:
                return None
            stack.pop()
            tokens.append(("end", name, match[0]))
        elif name in _VOID or match[0].endswith("/>"):
            tokens.append(("alone", name, match[0]))
        else:
            stack.append(name)
            tokens.append(("start", name, match[0]))
        at = match.end()
    if text[at:]:
        tokens.append(("words", "", text[at:]))
    if stack or any(
        kind == "words" and (_escape(html.unescape(raw)) != raw or "<" in raw or ">" in raw)
        for kind, _name, raw in tokens
    ):
        return None
    return tokens


def _append_words(element: ElementTree.Element, words: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + words
    else:
        element.text = (element.text or "") + words


def _filled(tag: str, text: str, codes: _Codes) -> ElementTree.Element:
    """An element holding ``text``: as it is when it holds no tag, else as
    words and inline codes (escaped HTML when it cannot be, see :func:`_tokens`)."""
    element = ElementTree.Element(tag)
    tokens = _tokens(text) if _TAG.search(text) else None
    if tokens is None:
        element.text = text
        return element
    # Each open tag's code and the tags' texts it pairs, filled at its end.
    open_codes: list[tuple[ElementTree.Element, str]] = []
    current = element
    for kind, _name, raw in tokens:
        if kind == "words":
            _append_words(current, html.unescape(raw))
        elif kind == "alone":
            ElementTree.SubElement(
                current,
                _Q + "ph",
                {"id": codes.code_id((raw, "")), "dataRef": codes.data_id(raw), "canCopy": "no",
                 "canDelete": "no"},
            )  # fmt: skip
        elif kind == "start":
            code = ElementTree.SubElement(current, _Q + "pc")
            open_codes.append((current, raw))
            current = code
        else:  # the end of the innermost open tag
            parent, start = open_codes.pop()
            current.attrib.update(
                {"id": codes.code_id((start, raw)), "dataRefStart": codes.data_id(start),
                 "dataRefEnd": codes.data_id(raw), "canCopy": "no", "canDelete": "no"}
            )  # fmt: skip
            current = parent
    return element


def _html_of(element: ElementTree.Element, unit_id: str, data: dict[str, str]) -> str:
    parts = [_escape(element.text or "")]
    for child in element:
        name = child.tag.removeprefix(_Q)
        if name == "pc":
            parts += [
                _data(child, "dataRefStart", unit_id, data),
                _html_of(child, unit_id, data),
                _data(child, "dataRefEnd", unit_id, data),
            ]
        elif name in ("ph", "sc", "ec"):
            parts.append(_data(child, "dataRef", unit_id, data))
        elif name == "mrk":  # an annotation (a term, a comment): its words count
            parts.append(_html_of(child, unit_id, data))
        elif name == "cp":
            try:
                parts.append(_escape(chr(int(child.get("hex") or "", 16))))
            except ValueError:
                raise XliffError(
                    _("Unit %(id)s: a code point %(hex)s is no character.")
                    % {"id": unit_id, "hex": child.get("hex") or "?"}
                ) from None
        elif name not in ("sm", "em"):  # an annotation's ends hold nothing
            raise XliffError(
                _("Unit %(id)s: %(element)s is not an XLIFF inline element.")
                % {"id": unit_id, "element": name}
            )
        parts.append(_escape(child.tail or ""))
    return "".join(parts)


def _data(code: ElementTree.Element, attribute: str, unit_id: str, data: dict[str, str]) -> str:
    """The original tag a code names; a code that names none, or data the
    unit does not hold, is refused: it would put back a tag nobody wrote."""
    reference = code.get(attribute)
    if reference is None or reference not in data:
        raise XliffError(
            _("Unit %(id)s: an inline code names original data the unit does not hold (%(ref)s).")
            % {"id": unit_id, "ref": reference or "—"}
        )
    return data[reference]

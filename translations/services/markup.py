"""Whether a translation kept the formatting of its source.

Rich text (article bodies, event descriptions) travels as HTML through PO
and XLIFF files. A translator reorders words and sentences, so tags may
move; but a tag lost or added, an image or a link dropped or changed,
means the formatting was broken in the file, and the import says so
instead of publishing a body without its pictures.
"""

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.conf import settings

TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
TARGET = re.compile(r"""\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def markup_of(text: str) -> tuple[Counter, list[str]]:
    """The tags of ``text`` (name and whether closing, counted) and the
    addresses its images and links point to, in order."""
    tags: Counter = Counter()
    targets = []
    for closing, name, attributes in TAG.findall(text):
        tags[(closing, name.lower())] += 1
        targets += [a or b for a, b in TARGET.findall(attributes)]
    return tags, sorted(targets)


def same_markup(source: str, translation: str) -> bool:
    """True for plain text, and for HTML whose tags and targets the translation kept."""
    return markup_of(source) == markup_of(translation)


IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
# A link with what it holds (links never nest in HTML).
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
WORDS = re.compile(r"<[^>]*>")


def media_of(text: str) -> Counter:
    """The images of ``text`` and the addresses it links to (uploaded
    documents and other websites alike), by address: a translation that
    dropped the source's link to a ministry's page lost as much as one that
    dropped a picture (a walk saw one saved and released).

    Only links a reader (and the translator's editor) can see count: one
    without an address (``<a href="">``, stored before links were checked)
    or without words or a picture is none, and the editor drops it from
    the translator's copy, whose saving it once blocked for a link the
    translator could not see."""
    found: Counter = Counter()
    for tag in IMAGE.findall(text):
        found.update(a or b for name, a, b in _ATTRIBUTE.findall(tag) if name.lower() == "src")
    for attributes, inside in LINK.findall(text):
        if not (WORDS.sub("", inside).strip() or IMAGE.search(inside)):
            continue
        found.update(
            (a or b).strip()
            for name, a, b in _ATTRIBUTE.findall(attributes)
            if name.lower() == "href" and (a or b).strip()
        )
    return found


_ATTRIBUTE = re.compile(r"""\b(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def media_left_out(source: str, translation: str) -> list[str]:
    """The images, documents and links of ``source`` that ``translation``
    lacks (a word may move or go; a picture or a link of the source may not)."""
    return sorted((media_of(source) - media_of(translation)).elements())


IMAGE_KIND, DOCUMENT_KIND, LINK_KIND = "image", "document", "link"
_FIGURE = re.compile(r"<figure\b.*?</figure>", re.IGNORECASE | re.DOTALL)
_CAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_NAMED_AT_MOST = 80  # characters of a caption or a link's words a message quotes


@dataclass(frozen=True)
class Medium:
    """An image, document or link of rich text, as a message names it."""

    kind: str  # IMAGE_KIND, DOCUMENT_KIND or LINK_KIND
    #: An image's caption, else its description, else its file name; a
    #: link's words (a document's too), else its address's last part.
    name: str
    address: str


def _words(fragment: str) -> str:
    """The words of an HTML fragment on one line, without control or
    direction-changing characters (a caption's U+202E would turn the rest of
    the message around), at most ``_NAMED_AT_MOST`` characters."""
    text = html.unescape(WORDS.sub(" ", fragment))
    text = " ".join("".join(c for c in text if unicodedata.category(c)[0] != "C").split())
    return text if len(text) <= _NAMED_AT_MOST else text[: _NAMED_AT_MOST - 1] + "…"


def _file_name(address: str) -> str:
    return address.rstrip("/").rsplit("/", 1)[-1] or address


def _src(tag: str) -> str:
    return next((a or b for name, a, b in _ATTRIBUTE.findall(tag) if name.lower() == "src"), "")


def media_named(text: str) -> list[Medium]:
    """The images and links of ``text`` that :func:`media_of` counts, in order,
    each with what names it to a translator."""
    captions = {}
    for figure in _FIGURE.findall(text):
        caption = _CAPTION.search(figure)
        for tag in IMAGE.findall(figure):
            if caption and _words(caption.group(1)):
                captions.setdefault(_src(tag), _words(caption.group(1)))
    found: list[tuple[int, Medium]] = []
    for match in IMAGE.finditer(text):
        address = _src(match.group(0))
        if not address:
            continue
        alt = next((a or b for a, b in _ALT.findall(match.group(0)) if (a or b).strip()), "")
        name = captions.get(address) or _words(alt) or _file_name(address)
        found.append((match.start(), Medium(IMAGE_KIND, name, address)))
    for match in LINK.finditer(text):
        attributes, inside = match.groups()
        if not (WORDS.sub("", inside).strip() or IMAGE.search(inside)):
            continue  # as media_of: a link nobody sees is none
        hrefs = [
            (a or b).strip()
            for name, a, b in _ATTRIBUTE.findall(attributes)
            if name.lower() == "href" and (a or b).strip()
        ]
        for address in hrefs:
            document = address.startswith(settings.MEDIA_URL) and not IMAGE.search(inside)
            found.append(
                (
                    match.start(),
                    Medium(
                        DOCUMENT_KIND if document else LINK_KIND,
                        _words(inside) or _file_name(address),
                        address,
                    ),
                )
            )
    return [medium for _start, medium in sorted(found, key=lambda pair: pair[0])]


def media_named_left_out(source: str, translation: str) -> list[Medium]:
    """:func:`media_left_out`, each named as :func:`media_named` names it."""
    wanted = Counter(media_left_out(source, translation))
    named = []
    for medium in media_named(source):
        if wanted[medium.address] > 0:
            wanted[medium.address] -= 1
            named.append(medium)
    return named


_BLOCKS = (
    re.compile(r"<figure\b.*?</figure>", re.IGNORECASE | re.DOTALL),
    re.compile(r"<img\b[^>]*>", re.IGNORECASE),
    re.compile(r"<a\b[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL),
)


def media_blocks_left_out(source: str, translation: str) -> str:
    """The pieces of ``source`` that hold its images, documents and links missing
    from ``translation`` (a figure with its caption, a link with its words),
    in the source's order, to be added to the translation."""
    wanted = Counter(media_left_out(source, translation))
    taken: list[tuple[int, int, str]] = []  # start, end, the piece as added
    for pattern in _BLOCKS:
        for match in pattern.finditer(source):
            held = media_of(match.group(0)) & wanted
            inside = any(start <= match.start() < end for start, end, _ in taken)
            if not held or inside:
                continue
            wanted -= held
            piece = match.group(0) if pattern is _BLOCKS[0] else f"<p>{match.group(0)}</p>"
            taken.append((match.start(), match.end(), piece))
    return "".join(piece for _, _, piece in sorted(taken))

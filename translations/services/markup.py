"""Whether a translation kept the formatting of its source.

Rich text (article bodies, event descriptions) travels as HTML through PO
and XLIFF files. A translator reorders words and sentences, so tags may
move; but a tag lost or added, an image or a link dropped or changed,
means the formatting was broken in the file, and the import says so
instead of publishing a body without its pictures.
"""

import re
from collections import Counter

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

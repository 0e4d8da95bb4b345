"""What changed in a source text since it was translated, word by word.

Chinese, Japanese and Thai are compared character by character (their
words are not separated by spaces); other scripts word by word. Rich text
is compared on its words, without its tags: a translator needs to see the
words that changed.
"""

import difflib
import re
from dataclasses import dataclass

from web.rich_text import HTML_TAG, plain_text

# One token: a character of a script written without spaces, a word, a run
# of spaces, or any other single character.
TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]"
    r"|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+"
    r"|\s+|."
)
KEEP, REMOVED, ADDED = "keep", "removed", "added"


@dataclass(frozen=True)
class Change:
    kind: str  # KEEP, REMOVED or ADDED
    text: str


def _words(text: str) -> list[str]:
    if HTML_TAG.search(text):
        text = plain_text(text)
    return TOKEN.findall(text)


def changes(old: str, new: str) -> list[Change]:
    """``new`` as runs of kept, removed (from ``old``) and added text."""
    before, after = _words(old), _words(new)
    result: list[Change] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            result.append(Change(KEEP, "".join(after[b1:b2])))
            continue
        if operation in ("delete", "replace"):
            result.append(Change(REMOVED, "".join(before[a1:a2])))
        if operation in ("insert", "replace"):
            result.append(Change(ADDED, "".join(after[b1:b2])))
    return [change for change in result if change.text]

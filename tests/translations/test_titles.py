"""Page titles are names, not sentences: no full stop before " · Site", in
any language ("Peringatan Anda sudah aktif. · Portal…" was one). Every
message a template's title block uses is read in every catalog."""

import re
from pathlib import Path

import pytest

from tests.translations.test_catalogs import COMPLETE, load

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [
    path
    for path in ROOT.glob("*/templates")
    if path.parent.name not in {".venv", "test-artifacts", "var"}
] + list(ROOT.glob("*/*/templates"))
TITLE = re.compile(r"{%\s*block title\s*%}(.*?){%\s*endblock", re.S)
TRANSLATE = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1""")
BLOCK = re.compile(r"{%\s*blocktranslate([^%]*)%}(.*?){%\s*endblocktranslate\s*%}", re.S)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
# Sentence ends: Latin, Chinese/Japanese, Devanagari, Arabic, Burmese-style.
FULL_STOP = re.compile(r"[.。．।۔]\s*$")


def title_messages() -> dict[str, str]:
    """msgid → the template whose title uses it."""
    found = {}
    for folder in TEMPLATE_DIRS:
        if ".venv" in folder.parts:
            continue
        for template in folder.rglob("*.html"):
            for block in TITLE.findall(template.read_text(encoding="utf-8")):
                for _quote, message in TRANSLATE.findall(block):
                    found[message] = str(template.relative_to(ROOT))
                for options, body in BLOCK.findall(block):
                    if "trimmed" in options:
                        body = " ".join(body.split())
                    found[VARIABLE.sub(r"%(\1)s", body)] = str(template.relative_to(ROOT))
    return found


def test_title_messages_are_found():
    messages = title_messages()
    assert "Search" in messages and "Manage this alert" in messages


@pytest.mark.parametrize("language", COMPLETE)
def test_no_title_ends_with_a_full_stop(language):
    messages = title_messages()
    catalog = {m.id: m.string for m in load(language) if m.id and not m.context}
    stops = {
        message: (where, catalog.get(message))
        for message, where in messages.items()
        if FULL_STOP.search(message) or FULL_STOP.search(catalog.get(message) or "")
    }
    assert stops == {}

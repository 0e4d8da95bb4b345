"""The rich-text editor's words have one source: ``web.rich_text``.

django-prose-editor's build asks ``window.gettext`` for each of its words by
its English text; our script asks for its own by key. Every string the
installed build can ask for is listed (translated, or named unused), every
key our script uses exists, and each has a real translation in every
catalog: a word spelt one way in the script and another in the catalog (the
image description once lacked the catalog's full stop) cannot happen again.
"""

import json
import re
from pathlib import Path

import django_prose_editor
import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from web.rich_text import (
    MENU_LABELS,
    OWN_STRINGS,
    PACKAGE_STRINGS,
    PACKAGE_STRINGS_UNUSED,
    editor_strings,
)

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
OUR_SCRIPT = ROOT / "static/web/rich-text.js"
COMPLETE = ["zh_Hans", "vi", "id", "ko", "ja", "ar", "fr", "de", "ru", "ms", "th", "hi", "es", "pt"]


def build_strings() -> set[str]:
    """What the installed build passes to its alias of ``window.gettext``."""
    source = BUILD.read_text()
    alias = re.search(r"([\w$]+)=window\.gettext\|\|", source)
    assert alias, "the build no longer reads window.gettext: see how it translates now"
    return set(re.findall(rf"(?<![\w$.]){re.escape(alias[1])}\(\"([^\"]*)\"\)", source))


def test_every_word_the_build_asks_for_is_listed():
    asked = build_strings()
    assert len(asked) > 20
    assert asked - set(PACKAGE_STRINGS) - PACKAGE_STRINGS_UNUSED == set()
    # Nothing listed that the build no longer has.
    assert set(PACKAGE_STRINGS) <= asked


def test_our_script_asks_only_for_listed_words():
    # rich-text.js and the modules it imports (rich-text-links.js, …).
    script = "".join(path.read_text() for path in sorted(OUR_SCRIPT.parent.glob("rich-text*.js")))
    keys = set(re.findall(r"(?<![\w.])t\(\"([^\"]*)\"\)", script))
    assert keys and keys <= set(OWN_STRINGS), keys - set(OWN_STRINGS)
    build_words = set(re.findall(r"(?<![\w.])gettext\(\"([^\"]*)\"\)", script))
    assert build_words <= set(PACKAGE_STRINGS), build_words - set(PACKAGE_STRINGS)


@pytest.mark.parametrize("language", COMPLETE)
def test_every_word_has_a_translation_in_the_catalog(language):
    with (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    wanted = {*PACKAGE_STRINGS, *OWN_STRINGS.values(), *MENU_LABELS.values()}
    missing = sorted(
        text for text in wanted if not (catalog.get(text) and catalog.get(text).string)
    )
    assert missing == []


def test_the_page_carries_the_words_in_its_language():
    with translation.override("ko"):
        strings = json.loads(editor_strings())
        assert strings["gettext"]["Table Properties"] == translation.gettext("Table Properties")
        assert strings["own"]["imageAlt"] == translation.gettext(OWN_STRINGS["imageAlt"])
        assert strings["own"]["imageAlt"] != OWN_STRINGS["imageAlt"]
        assert strings["menu"]["bold"] == translation.gettext(MENU_LABELS["bold"])

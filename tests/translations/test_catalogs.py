"""Every UI string has a real translation in every complete catalog."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"
COMPLETE = [
    "en", "zh_Hans", "vi", "id", "ko", "ja", "ar", "fr", "de", "ru", "ms", "th", "hi", "es", "pt",
]  # fmt: skip
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\w*\}")


def load(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=language)


def message_ids(catalog) -> set:
    return {(m.context, m.id) for m in catalog if m.id}


def test_all_catalogs_have_the_same_messages():
    reference = message_ids(load("en"))
    assert reference
    for language in COMPLETE:
        assert message_ids(load(language)) == reference, language


@pytest.mark.parametrize("language", COMPLETE)
def test_complete_catalogs_have_no_empty_or_fuzzy_entries(language):
    problems = [m.id for m in load(language) if m.id and (not m.string or m.fuzzy)]
    assert problems == []


@pytest.mark.parametrize("language", COMPLETE)
def test_placeholders_survive_translation(language):
    for message in load(language):
        if not (message.id and message.string):
            continue
        if message.pluralizable:
            # Every plural form keeps the plural source's placeholders.
            expected = sorted(set(PLACEHOLDER.findall(message.id[1])))
            for form in message.string:
                assert sorted(set(PLACEHOLDER.findall(form))) == expected, message.id
        else:
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(
                PLACEHOLDER.findall(message.string)
            ), message.id


# Words that really are the same in the language (loanwords).
SAME_AS_ENGLISH = {
    "id": {
        "Item",
        "status",
        "Status",
        "Logo",
        "Forum",
        "Webinar",
        "Agenda",
        "domain",
        "logo",
        "slug",
        "Tender",
        "Menu",
    },
    "fr": {
        "E-mail",  # the word chosen over "courriel" (tests/translations/test_terms.py)
        "e-mail",
        "Introduction",
        "Introduction (%(language)s)",
        "introduction",
        "Position",
        "bulletin",
        "bulletins",
        "Actions",
        "Dates",
        "Note",
        "Construction",
        "Contact",
        "Date",
        "Description",
        "Documents",
        "Forum",
        "Logo",
        "Menu",
        "Organisation",
        "Page",
        "Page %(number)s",
        "Pages",
        "Question",
        "Site",
        "Sites",
        "Type",
        "article",
        "articles",
        "code",
        "description",
        "image",
        "logo",
        "message",
        "organisation",
        "page",
        "question",
        "questions",
        "site",
        "sites",
        "type",
    },
    "de": {
        "Position",
        "Browser",
        "Forum",
        "Logo",
        "Name",
        "Online",
        "Organisation",
        "Status",
        "Synonym",
        "Webinar",
        "Website",
    },
    "es": {"Editor", "Error %(code)s", "Sector", "sector", "Total: %(total)s", "error"},
    "pt": {
        "E-mail",
        "Item",
        "Editor",
        "Menu",
        "Site",
        "Sites",
        "Site: %(site)s",
        "e-mail",
        "site",
        "sites",
        "Total: %(total)s",
    },
    "ms": {
        "Agenda",
        "Item",
        "Forum",
        "Logo",
        "Menu",
        "Status",
        "Tag",
        "Tender",
        "Unit",
        "Webinar",
        "domain",
        "logo",
        "status",
        "tag",
        "unit",
    },
}


def has_words(text: str) -> bool:
    return bool(re.sub(PLACEHOLDER, "", text).strip(" ,.:;–-"))


@pytest.mark.parametrize("language", [code for code in COMPLETE if code != "en"])
def test_translations_are_not_copies_of_the_english(language):
    allowed = SAME_AS_ENGLISH.get(language, set())
    copies = [
        m.id
        for m in load(language)
        if m.id and m.string == m.id and has_words(m.id) and m.id not in allowed
    ]
    assert copies == []


def test_source_strings_are_all_in_the_catalog():
    """Scan templates and Python for marked strings missing from the English catalog."""
    root = LOCALE.parent
    known = {m.id for m in load("en") if m.id}
    pattern = re.compile(
        r"""(?:\{%\s*translate\s+|\b_\(|gettext(?:_lazy)?\(|pgettext_lazy\(\s*"[^"]+",\s*)"""
        r"""(?:"([^"]+)"|'([^']+)')"""
    )
    missing = set()
    for path in (
        list(root.glob("*/templates/**/*.html"))
        + list(root.glob("templates/**/*.html"))
        + [p for p in root.glob("*/**/*.py") if ".venv" not in p.parts and "tests" not in p.parts]
    ):
        for double, single in pattern.findall(path.read_text(encoding="utf-8")):
            text = double or single
            if text not in known:
                missing.add((path.name, text))
    assert missing == set()

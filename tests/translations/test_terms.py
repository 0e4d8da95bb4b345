"""One word for one thing in each catalog: e-mail, feed (Indonesian had
"email", "surel" and "e-mail", "feed Atom" and "umpan Atom"), written one
way ("Atom源" and "Atom 源")."""

import re

import pytest

from tests.translations.test_catalogs import load

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
#: language → (the word chosen, the variants it replaced).
CHOSEN = {
    "id": [("email", r"\bsurel\b|\be-mail\b"), ("umpan", r"\bfeed\b")],
    "fr": [("e-mail", r"\bcourriels?\b"), ("flux", r"\bfeed\b")],
    "vi": [("email", r"\be-mail\b")],
    "hi": [("ईमेल", r"ई-मेल")],
    "ms": [("e-mel", r"\bemel\b|\be-?mail\b"), ("suapan", r"\bfeed\b|\bumpan\b")],
    "ar": [("موجز", r"تغذية")],
    "pt": [("e-mail", r"\bcorreio eletrônico\b")],
    "es": [("correo", r"\be-?mail\b")],
    "de": [("E-Mail", r"\bEmail\b|(?<![Ee]-)\bMail\b")],
    "zh_Hans": [("Atom源", r"Atom 源")],
    "ja": [("Atomフィード", r"Atom フィード")],
    "ko": [("이메일", r"(?<!이)메일")],
}


@pytest.mark.parametrize("language", sorted(CHOSEN))
def test_a_catalog_uses_one_word_for_e_mail_and_feed(language):
    found = []
    for message in load(language):
        if not message.id or not message.string:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            text = PLACEHOLDER.sub("", text)
            for chosen, variants in CHOSEN[language]:
                if re.search(variants, text, re.IGNORECASE):
                    found.append((chosen, text))
    assert found == []


#: German: one term for the coordination calendar and for the tagline, and
#: people named in one style (neutral nouns such as "Lesende", "Redaktion",
#: never a gender colon beside a generic masculine).
GERMAN_VARIANTS = [
    ("Koordinationskalender", r"Koordinierungskalender"),
    ("Slogan", r"Leitspruch"),
    ("Lesende, Redaktion, Übersetzungsteam, Koordination",
     r":innen\b|\b(?:Leser|Lesern|Redakteur\w*|Übersetzer|Übersetzern|Koordinator\w*"
     r"|Administrator|Administratoren)\b"),
]  # fmt: skip


def _strings(language: str):
    for message in load(language):
        if message.id and message.string:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            yield from ((message.id, text) for text in strings)


def test_german_uses_one_term_and_one_style_for_people():
    found = [
        (chosen, text)
        for _id, text in _strings("de")
        for chosen, variants in GERMAN_VARIANTS
        if re.search(variants, text)
    ]
    assert found == []


LANGUAGE_PLACEHOLDER = r"%\((?:language|requested|found|shown)\)s"
#: Where a language's name is put into a sentence, nothing around it may need
#: a form the name does not have: German "ins Deutsch" wants "ins Deutsche";
#: Indonesian and Malay name the language, not the country ("ke bahasa
#: Vietnam", not "ke Vietnam").
NAME_NEEDS_A_FORM = {
    "de": r"\b(?:ins|im|vom|zum|dem|des|der|den|das)\s+" + LANGUAGE_PLACEHOLDER,
    "id": r"\b(?:ke|dalam|ke dalam)\s+" + LANGUAGE_PLACEHOLDER,
    "ms": r"\b(?:ke|dalam|ke dalam)\s+" + LANGUAGE_PLACEHOLDER,
}


@pytest.mark.parametrize("language", sorted(NAME_NEEDS_A_FORM))
def test_an_interpolated_language_name_needs_no_declension(language):
    found = [
        text for _id, text in _strings(language) if re.search(NAME_NEEDS_A_FORM[language], text)
    ]
    assert found == []


#: Errors shown in forms (the launch form) are sentences: they start with a
#: capital in every language whose script has them.
FORM_ERRORS = [
    "code '%(code)s' is reserved; choose another code",
    "code '%(code)s' is taken by the %(countries)s site; choose another code",
    "domain '%(domain)s' is not a valid host name",
    "domain '%(domain)s' is the hub's public domain",
    "domain '%(domain)s' is already used by site %(site)s",
]


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "pt", "ru", "id", "ms", "vi"])
def test_form_errors_start_with_a_capital(language):
    strings = dict(_strings(language))
    assert [strings[m] for m in FORM_ERRORS if strings[m][:1].islower()] == []

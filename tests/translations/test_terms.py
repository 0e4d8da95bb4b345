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

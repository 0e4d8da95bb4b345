"""One word for one thing in each catalog: e-mail, feed (Indonesian had
"email", "surel" and "e-mail", "feed Atom" and "umpan Atom"), written one
way ("Atom源" and "Atom 源")."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.translations.test_catalogs import load

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
#: language → (the word chosen, the variants it replaced).
CHOSEN = {
    "id": [("email", r"\bsurel\b|\be-mail\b"), ("umpan", r"\bfeed\b")],
    "fr": [("e-mail", r"\bcourriels?\b"), ("flux", r"\bfeed\b")],
    "vi": [("email", r"\be-mail\b")],
    "hi": [("ईमेल", r"ई-मेल|डाक पता"), ("टैगलाइन", r"(?<![\u0900-\u097f])नारा(?![\u0900-\u097f])")],
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


ROOT = Path(__file__).resolve().parents[2]
#: Portuguese is Brazilian throughout (Babel's ``pt`` data is: "Vietnã",
#: "Econômica"): none of the words and constructions of European Portuguese,
#: which the catalogs once mixed on one page ("Acesso da equipa" beside
#: "Cooperação Econômica"). Each pattern is the European form; the comment
#: gives the Brazilian one used instead.
EUROPEAN_PORTUGUESE = [
    r"\bficheiros?\b",  # arquivo
    r"\bpalavras?-passe\b",  # senha
    r"\bequipas?\b",  # equipe
    r"\butilizador(?:es)?\b",  # usuário
    r"\bregist(?:o|os|ar|ada|ado|ou)\b",  # cadastro, registro
    r"\becrã",  # tela
    r"\btelemóve",  # celular
    r"\beletrónic|\bcorreio eletr",  # eletrônico; e-mail
    r"\bfacto\b",  # fato
    r"\bsecç|\breceção",  # seção, recepção
    r"\bsítios?\b",  # site
    r"\bguard(?:ad[oa]s?|ar|e)\b",  # salvo, salvar, salve
    r"\bpredefinid",  # padrão
    r"(?-i:\bA mostrar\b)",  # Mostrando (but "passa a mostrar")
    r"\b(?:está|estão|estou|estar) a \w+r\b",  # gerund: está sendo, está confirmando
    r"\ba aguardar\b|\bà (?:sua )?espera\b",  # aguardando
    r"\bcontact(?:o|os|ar|ado|ada)\b",  # contato
    r"\bVietname\b|\becon[óo]mic",  # Vietnã, econômico
    r"\bcarregue\b|\bcarregar\b|\bcarregamento\b",  # clique; enviar; envio
    r"\bdemasiad",  # demais
    r"\bligaç(?:ão|ões)\b",  # link
    r"\baceder\b",  # acessar
    r"\blínguas?\b",  # idioma
    r"\bpartilh",  # compartilhar
    r"\bdescarreg",  # baixar
    r"\blogótipo",  # logotipo
    r"\bdefinições\b",  # configurações
    r"\bnoutr[oa]s?\b|\bnuma?\b",  # em outro, em um
    r"\bsubscrev|\bsubscriç",  # assinar, assinatura
    r"[«»]",  # “ ”
    r"\bcarácter",  # caractere
    r"\b(?:inicia|iniciar|inicie|início de) sessão\b",  # entrar, login
    r"\banfitrião\b|\bcontrolo\b|\bem causa\b|\bde imediato\b",  # host, controle, em questão
    r"\b(?:tem|têm) de\b",  # precisa, tem que
    r"\bIntroduza\b|\bSubmeta\b",  # Informe, Envie
    r"\bGravar\b|\bobjecto|\bac[cç]ão|\befectu",  # Salvar, objeto, ação, efetuar
    r"\bEnviámos\b",  # Enviamos
]


def _portuguese_catalogs():
    for path in (
        ROOT / "locale" / "pt" / "LC_MESSAGES" / "django.po",
        ROOT / "web" / "locale" / "pt" / "LC_MESSAGES" / "django.po",
        ROOT / "web" / "locale" / "pt" / "LC_MESSAGES" / "djangojs.po",
    ):
        with path.open("rb") as handle:
            yield path.relative_to(ROOT), read_po(handle, locale="pt")


def test_portuguese_is_brazilian_throughout():
    found = []
    for path, catalog in _portuguese_catalogs():
        for message in catalog:
            if not message.id or not message.string:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                text = PLACEHOLDER.sub("", text)  # %(num)d is no "num"
                for pattern in EUROPEAN_PORTUGUESE:
                    if match := re.search(pattern, text, re.IGNORECASE):
                        found.append((str(path), match.group(), text))
    assert found == []


def test_portuguese_state_filters_agree_with_their_noun():
    # "All" ends the clash filter (Aberto · Resolvido · …, o conflito) and
    # the article categories (os artigos): masculine in both.
    strings = dict(_strings("pt"))
    assert (strings["Open"], strings["Resolved"], strings["All"]) == (
        "Aberto",
        "Resolvido",
        "Todos",
    )


#: What Django's own Hindi gets wrong, and the portal's word for it: an
#: e-mail called a postal address, three words for password, "user" as a
#: consumer, grammar ("यह क्षेत्र अपेक्षित हैं", "उपभोक्ताऐं", "वर्गों" for
#: groups, "बढाएं" for add), a.m. and p.m. both "बजे".
#: (A whole Devanagari word: ``\b`` falls between a letter and its vowel sign.)
HINDI_WRONG = [
    ("ईमेल", r"डाक पता"),
    ("पासवर्ड", r"कूटशब्द|शब्दकूट"),
    ("उपयोगकर्ता", r"उपभोक्ता|प्रयोक्ता|प्रवोक्ता"),
    ("फ़ील्ड भरना ज़रूरी है", r"अपेक्षित हैं"),
    ("समूह", r"वर्गों|^वर्ग$"),
    ("जोड़ें", r"बढाएं"),
    ("सहेजें", r"सुरक्षित कीजिये"),
    ("पूर्वाह्न, अपराह्न", r"^बजे$"),
    ("टैगलाइन", r"(?<![\u0900-\u097f])नारा(?![\u0900-\u097f])"),
]
DJANGO_CATALOGS = ["conf", "contrib/admin", "contrib/auth", "contrib/contenttypes"]


def _as_pages_show_django(language: str):
    """Every string of Django's own catalogs for ``language``, as a page
    shows it (the portal's catalog, then web/locale, then Django's)."""
    import django
    from django.utils import translation

    with translation.override(language):
        for folder in DJANGO_CATALOGS:
            path = Path(django.__file__).parent / folder / "locale" / language / "LC_MESSAGES"
            with (path / "django.po").open("rb") as handle:
                catalog = read_po(handle, locale=language)
            for message in catalog:
                if not message.id:
                    continue
                if isinstance(message.id, tuple):
                    yield from ((message.id, translation.ngettext(*message.id, n)) for n in (1, 2))
                elif message.context:
                    yield message.id, translation.pgettext(message.context, message.id)
                else:
                    yield message.id, translation.gettext(message.id)


def test_hindi_pages_never_show_djangos_wrong_words():
    found = [
        (message_id, text, word)
        for message_id, text in _as_pages_show_django("hi")
        for word, wrong in HINDI_WRONG
        if re.search(wrong, text)
    ]
    assert found == []


def test_portuguese_pages_never_show_djangos_european_words():
    # Django's own "pt" is European Portuguese ("Gravar", "palavra-passe").
    found = [
        (message_id, text, match.group())
        for message_id, text in _as_pages_show_django("pt")
        for pattern in EUROPEAN_PORTUGUESE
        if (match := re.search(pattern, PLACEHOLDER.sub("", text), re.IGNORECASE))
    ]
    assert found == []

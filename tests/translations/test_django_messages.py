"""Django's own words read in every language of the portal.

Django's catalogs of the admin, auth and content types, and the part of its
core catalog that forms can show (validators, form fields and widgets, model
fields' checks, formsets, dates and durations), each translate every message
in each of the 15 languages: through Django's own catalogs where they have
it, else through the portal's supplement (web/locale). Compared with the
catalogs, never with one language's strings; a message a language writes
as English does (German "Name") is one its catalog holds as such.

A NUL in a public form and in an admin form is refused in the reader's words.
"""

import re
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.utils import translation
from django.utils.translation import trans_real
from django_tenants.utils import schema_context

from tenants.hub import HUB_LANGUAGES
from tests.factories.accounts import make_staff

DJANGO = Path(django.__file__).parent
WHOLE = ["contrib/admin", "contrib/auth", "contrib/contenttypes"]
# Where in Django's core catalog the words a form can show come from.
FORM_SOURCES = re.compile(
    r"^(core/validators|forms/|db/models/|utils/(ipv6|dates|timesince|dateformat|text)"
    r"|template/defaultfilters)"
)
NUL = "Null characters are not allowed."


def english(app: str) -> list:
    with (DJANGO / app / "locale/en/LC_MESSAGES/django.po").open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def shown_messages() -> list:
    core = [
        message
        for message in english("conf")
        if any(FORM_SOURCES.match(place) for place, _line in message.locations)
    ]
    return [message for app in WHOLE for message in english(app)] + core


def untranslated(language: str) -> list[str]:
    catalog = trans_real.translation(language)._catalog
    missing = []
    for message in shown_messages():
        text = message.id[0] if message.pluralizable else message.id
        key = f"{message.context}\x04{text}" if message.context else text
        # A plural message is stored by (its singular, form); the same words
        # as a plain message (an older catalog's) do not serve ngettext.
        if (key, 0) not in catalog if message.pluralizable else key not in catalog:
            missing.append(text)
    return missing


@pytest.mark.parametrize("language", [code for code in HUB_LANGUAGES if code != "en"])
def test_every_admin_and_form_message_of_django_translates(language):
    assert untranslated(language) == []


def test_the_messages_compared_include_what_forms_and_the_admin_show():
    texts = {m.id if isinstance(m.id, str) else m.id[0] for m in shown_messages()}
    assert {NUL, "This field is required.", "Enter a valid email address.", "Log in"} <= texts
    assert len(texts) > 400


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def site_in_many_languages(site_vn):
    site_vn.languages = [*site_vn.languages, "th", "hi", "ar"]
    site_vn.save()
    return site_vn


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "th", "hi", "ar"])
def test_a_nul_in_a_public_form_is_refused_in_the_readers_words(
    client, site_in_many_languages, language
):
    response = client.post(
        f"/{language}/questions/ask/",
        {
            "name": "Ph\x00am",
            "email": "minh@example.com",
            "country": "VN",
            "topic": "customs",
            "text": "Thủ tục nhập khẩu sầu riêng đông lạnh như thế nào?",
        },
        HTTP_HOST="cn-vn.localhost",
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert in_language(language, NUL) != NUL
    assert in_language(language, NUL) in page and NUL not in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "th", "hi"])
def test_a_nul_in_an_admin_form_is_refused_in_the_readers_words(
    client, site_in_many_languages, language
):
    with schema_context(site_in_many_languages.schema_name):
        boss = make_staff()
        boss.is_superuser = True
        boss.save()
        client.force_login(boss)

    response = client.post(
        "/admin/auth/group/add/",
        {"name": "Re\x00viewers"},
        HTTP_HOST="cn-vn.localhost",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert in_language(language, NUL) in page and NUL not in page


SUPPLEMENTS = sorted(
    (Path(__file__).resolve().parents[2] / "web" / "locale").glob("*/LC_MESSAGES/*.po")
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")


@pytest.mark.parametrize("path", SUPPLEMENTS, ids=lambda path: f"{path.parts[-3]}-{path.stem}")
def test_the_supplements_keep_every_placeholder_and_leave_nothing_empty(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        source = message.id[-1] if message.pluralizable else message.id
        forms = message.string if message.pluralizable else (message.string,)
        assert all(forms), message.id
        for form in forms:
            assert sorted(set(PLACEHOLDER.findall(form))) == sorted(
                set(PLACEHOLDER.findall(source))
            ), (message.id, form)

"""The admin's scripts read in each of the portal's 15 languages: the
two-list picker of groups and permissions ("Choose all groups"), the
calendar and clock, the action bar. Their words come from the admin's
script catalog (``/admin/jsi18n/``), which must hold every message of
Django's English one, on a site's admin and on the hub's; where Django's
own catalog of a language lacks some, web/locale supplies them."""

import json
import re
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context

from tenants.hub import HUB_LANGUAGES
from tests.factories.accounts import make_staff

ENGLISH = Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"


def script_messages() -> list[str]:
    """The keys Django's script catalog stores each English message under."""
    with ENGLISH.open("rb") as handle:
        return [
            (f"{m.context}\x04" if m.context else "") + (m.id[0] if m.pluralizable else m.id)
            for m in read_po(handle)
            if m.id
        ]


def served_catalog(client, host: str, language: str) -> dict:
    response = client.get("/admin/jsi18n/", HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(found.group(1)) if found else {}


@pytest.mark.django_db
def test_the_admin_scripts_words_are_in_every_language(client, site_vn):
    site_vn.languages = list(HUB_LANGUAGES)
    site_vn.save()
    with schema_context(site_vn.schema_name):
        client.force_login(make_staff("editor"))
    hub = client.__class__()
    hub.force_login(get_user_model().objects.create_superuser("o", "o@hub.example", "x"))
    wanted = script_messages()
    assert len(wanted) > 60

    missing = {}
    for language in HUB_LANGUAGES:
        if language == "en":
            continue
        for name, (browser, host) in {
            "site": (client, "cn-vn.localhost"),
            "hub": (hub, "localhost"),
        }.items():
            catalog = served_catalog(browser, host, language)
            lacking = [key for key in wanted if not catalog.get(key)]
            if lacking:
                missing[(language, name)] = lacking

    assert missing == {}


@pytest.mark.django_db
def test_the_indonesian_picker_reads_as_indonesian(client, site_id):
    """Django's own Indonesian left the picker's arrow buttons named in English
    ("Choose", "Remove"), ran two words together ("Pindahkan%s": "Pindahkantagar")
    and misspelt a hint ("utnuk"); web/locale/id corrects them."""
    with schema_context(site_id.schema_name):
        client.force_login(make_staff("editor"))

    catalog = served_catalog(client, "cn-id.localhost", "id")

    assert catalog["Remove all %s"] == "Hapus semua %s"
    assert catalog["Choose selected %s"] == "Pilih %s yang ditandai"
    picker = [catalog[key] for key in catalog if "%s" in key and isinstance(catalog[key], str)]
    assert not [text for text in picker if '"Choose"' in text or '"Remove"' in text]
    assert not [text for text in picker if "Pindahkan%s" in text or "utnuk" in text]

"""Permissions read in the admin's language, on a site's admin and the hub's.

A user's page (and a group's) lists permissions as "app | model | action".
Each of the three parts, in each of the portal's languages, must differ
from the English one, unless that language's catalogs translate it to the
same word (French "Article"): compared with the active catalogs, never with
strings of one language.
"""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils.translation import trans_real
from django_tenants.utils import schema_context

from tenants.hub import HUB_LANGUAGES
from tests.factories.accounts import make_staff

HUB = {"HTTP_HOST": "localhost"}


def translated_to_itself(language: str, english: str) -> bool:
    """Whether a catalog of ``language`` holds ``english`` (as written, or
    with its first letter lowered as model names are) translated as is."""
    catalog = trans_real.translation(language)._catalog
    return any(
        key in catalog and catalog[key] in (english, key)
        for key in {english, english[:1].lower() + english[1:]}
    )


def permission_options(page: str, field: str) -> dict[str, list[str]]:
    """pk → the three parts of each permission the ``field`` select offers."""
    select = re.search(rf'<select[^>]*name="{field}"[^>]*>(.*?)</select>', page, re.S)
    assert select, field
    return {
        pk: html.unescape(text).split(" | ")
        for pk, text in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(1))
    }


def untranslated(pages: dict[str, str], field: str) -> list[tuple[str, str]]:
    english = permission_options(pages["en"], field)
    found = set()
    for language, page in pages.items():
        if language == "en":
            continue
        shown = permission_options(page, field)
        assert shown.keys() == english.keys(), language
        for pk, parts in shown.items():
            assert len(parts) == 3, (language, parts)
            for part, original in zip(parts, english[pk], strict=True):
                if part == original and not translated_to_itself(language, original):
                    found.add((language, original))
    return sorted(found)


@pytest.mark.django_db
def test_a_users_permissions_on_a_site_read_in_each_language(client, site_vn):
    site_vn.languages = list(HUB_LANGUAGES)  # the admin answers in the site's languages
    site_vn.save()
    with schema_context(site_vn.schema_name):
        boss = make_staff()
        boss.is_superuser = True
        boss.save()
        editor = make_staff("editor")
        client.force_login(boss)

    pages = {
        language: client.get(
            f"/admin/auth/user/{editor.pk}/change/",
            HTTP_HOST="cn-vn.localhost",
            HTTP_ACCEPT_LANGUAGE=language,
        ).content.decode()
        for language in HUB_LANGUAGES
    }

    assert len(permission_options(pages["en"], "user_permissions")) > 60
    assert untranslated(pages, "user_permissions") == []
    # What only code writes is nobody's to grant (django-axes' logs, a
    # reader's translation request, a staff member's remembered language).
    listed = {parts[1] for parts in permission_options(pages["en"], "user_permissions").values()}
    assert not listed & {"Access log", "Access failure", "Access attempt expiration"}
    assert not listed & {"Translation request", "Staff member's language"}
    assert "Failed sign-ins" in listed


@pytest.mark.django_db
def test_a_users_permissions_on_the_hub_read_in_each_language(client):
    boss = get_user_model().objects.create_superuser("boss@hub.example", "boss@hub.example", "x")
    coordinator = get_user_model().objects.create_user("coord@hub.example", is_staff=True)
    client.force_login(boss)

    pages = {
        language: client.get(
            f"/admin/auth/user/{coordinator.pk}/change/", HTTP_ACCEPT_LANGUAGE=language, **HUB
        ).content.decode()
        for language in HUB_LANGUAGES
    }
    group = client.get("/admin/auth/group/add/", HTTP_ACCEPT_LANGUAGE="en", **HUB)

    options = permission_options(pages["en"], "user_permissions")
    assert untranslated(pages, "user_permissions") == []
    # The hub's own rights only: its sites, the calendar, its accounts; no
    # site's content app, and the same on a group's page.
    apps = {parts[0] for parts in options.values()}
    assert len(apps) == 3, apps
    assert set(permission_options(group.content.decode(), "permissions")) == set(options)

"""A form refused for several fields lists them at its top, each linked to
its field: the hub's launch form is ~3,500 px tall, and an official had to
scroll through it to find 8 errors (newcomer walk-through). The heading is
Django's own "Please correct the errors below.", in every language."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import translation

from tenants.hub import HUB_LANGUAGES
from tests.web.test_hub_launch import HUB, form


@pytest.fixture
def official(client):
    user = get_user_model().objects.create_user(
        "summary@hub.example", "summary@hub.example", "x-long-password-1", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="add_site"))
    client.force_login(user)
    return user


def summary(page: str) -> str:
    found = re.search(r'<div class="form__summary".*?</div>', page, re.S)
    return found[0] if found else ""


@pytest.mark.django_db
def test_several_refused_fields_are_listed_at_the_top_and_linked(client, official):
    bad = form(code="cn_kr", domain="no such host", admin_email="nobody")
    page = client.post("/fr/sites/launch/", {**bad, "preview": "1"}, **HUB).content.decode()

    listed = summary(page)
    with translation.override("fr"):
        heading = translation.ngettext(
            "Please correct the error below.", "Please correct the errors below.", 3
        )
    assert heading in listed and heading != "Please correct the errors below."
    links = re.findall(r'<a href="#([^"]+)">', listed)
    assert links == ["id_code", "id_domain", "id_admin_email"]  # in the form's order
    assert all(f'id="{target}"' in page for target in links)
    assert page.index('class="form__summary"') < page.index('id="id_code"')


@pytest.mark.django_db
def test_one_refused_field_needs_no_list(client, official):
    page = client.post("/fr/sites/launch/", {**form(code="cn_kr"), "preview": "1"}, **HUB)

    assert summary(page.content.decode()) == ""


@pytest.mark.parametrize("language", [code for code in HUB_LANGUAGES if code != "en"])
def test_the_heading_is_translated_in_every_language(language):
    with translation.override(language):
        heading = translation.ngettext(
            "Please correct the error below.", "Please correct the errors below.", 2
        )
    assert heading != "Please correct the errors below.", language

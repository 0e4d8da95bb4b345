"""The ways into the editors' workspace: every page of it sends a signed-out
visitor to the site's own sign-in page with ``next`` kept, and editors and
translators who sign in with no ``next`` land in it."""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories.accounts import PASSWORD, make_member, make_staff

VN = {"HTTP_HOST": "cn-vn.localhost"}
#: A value for each kind of URL parameter the workspace's pages take.
SAMPLE = {"pk": "1", "role": "editor", "label": "cooperation.article", "language": "vi"}
SAMPLE_BY_NAME = {"week": "2026-W40"}


def _editor_routes(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _editor_routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if "editor/" in route:
                yield route, entry.name


def _path(route: str) -> str:
    """A concrete address for a route, in English (the prefix i18n_patterns adds)."""
    route = route.removeprefix("en/")

    def value(match: re.Match) -> str:
        name = match.group(2)
        return SAMPLE_BY_NAME.get(name) or SAMPLE.get(name, "x")

    return "/en/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def editor_routes() -> list[tuple[str, str]]:
    return sorted(set(_editor_routes(get_resolver("portal.urls_site").url_patterns)))


def test_the_workspace_has_the_pages_checked_below():
    names = {name for _route, name in editor_routes()}
    assert {"workspace", "translation_status", "translation_tasks", "site_settings"} <= names
    assert len(names) >= 15


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), editor_routes())
def test_every_workspace_page_sends_to_the_sites_own_sign_in_with_next_kept(site_vn, route, name):
    path = _path(route)
    client = Client()
    response = client.get(path, **VN)
    if response.status_code == 405:  # a page that only takes forms
        response = client.post(path, **VN)
    assert response.status_code == 302, (name, path, response.status_code)
    assert response["Location"] == f"/en/account/login/?next={quote(path)}", name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "translator"])
def test_staff_who_sign_in_without_next_land_in_their_workspace(client, site_vn, in_site, role):
    with in_site(site_vn):
        user = make_staff(role)
    response = client.post(
        "/vi/account/login/", {"username": user.username, "password": PASSWORD}, **VN
    )
    assert response.status_code == 302 and response["Location"] == "/vi/editor/"


@pytest.mark.django_db
def test_next_still_wins_and_members_still_land_on_their_account(client, site_vn, in_site):
    with in_site(site_vn):
        editor, member = make_staff("editor"), make_member().user
    kept = client.post(
        "/vi/account/login/?next=/vi/news/",
        {"username": editor.username, "password": PASSWORD},
        **VN,
    )
    assert kept["Location"] == "/vi/news/"
    client.logout()
    landed = client.post(
        "/vi/account/login/", {"username": member.username, "password": PASSWORD}, **VN
    )
    assert landed["Location"] == "/vi/account/"


@pytest.mark.django_db
def test_staff_with_no_role_land_on_their_account(client, site_vn, in_site):
    """Staff status alone opens no workspace page (web.workspace.may_enter)."""
    with in_site(site_vn):
        nobody = make_staff()
    response = client.post(
        "/vi/account/login/", {"username": nobody.username, "password": PASSWORD}, **VN
    )
    assert response["Location"] == "/vi/account/"

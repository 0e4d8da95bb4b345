"""An admin page's breadcrumbs say where one is: "Home › Events › Events"
said one word twice (newcomer walk, session 29: "Beranda › Acara › Acara").
Each app's name says what it holds beyond its main list."""

import re

import pytest
from django.contrib.auth import get_user_model


def crumbs(html: str) -> list[str]:
    trail = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", part).strip() for part in trail.split("&rsaquo;")]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "id", "zh-hans"])
@pytest.mark.parametrize(
    ("host", "path"),
    [("cn-id.localhost", "/admin/events/event/"), ("localhost", "/admin/tenants/site/")],
)
def test_no_list_is_named_twice_in_its_breadcrumbs(
    client, admin_client_for, site_id, language, host, path
):
    if host == "localhost":  # the hub's admin
        boss = get_user_model().objects.create_superuser(f"crumbs-{language}@example.org")
        client.force_login(boss)
    else:
        client = admin_client_for(site_id)

    page = client.get(path, HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE=language)

    assert page.status_code == 200
    trail = crumbs(page.content.decode())
    assert len(trail) == 3 and trail[1].casefold() != trail[2].casefold(), trail

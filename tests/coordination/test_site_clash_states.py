"""What the editors' clash page does with whatever its Open / Resolved / All
links are sent: the group of links (tests/e2e/test_clash_filters.py) marks
the state shown; a state it does not know is the site's own "page not
found", a NUL byte a plain 400, never a 500."""

import re

import pytest

from tests.factories.accounts import make_staff

VN = {"HTTP_HOST": "cn-vn.localhost"}


def current(page: str) -> list[str]:
    group = re.search(r'<nav class="subnav" aria-label="[^"]+"><ul>.*?</ul></nav>', page, re.S)
    return re.findall(r'href="\?state=(\w+)" aria-current="page"', group.group(0))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", "open"),
        ("?state=resolved", "resolved"),
        ("?state=all", "all"),
        ("?state[]=all", "open"),
        ("?state=all&state=resolved", "resolved"),
    ],
)
def test_the_state_shown_is_the_one_marked(client, site_vn, in_site, query, shown):
    with in_site(site_vn):
        client.force_login(make_staff("editor"))
    response = client.get(f"/vi/editor/clashes/{query}", **VN)
    assert response.status_code == 200
    assert current(response.content.decode()) == [shown]


@pytest.mark.django_db
def test_an_unknown_state_is_not_found_and_a_nul_byte_refused(client, site_vn, in_site):
    with in_site(site_vn):
        client.force_login(make_staff("editor"))
    for odd in ("x" * 5000, "%E2%80%AEall", "ALL", "open%20"):
        response = client.get(f"/vi/editor/clashes/?state={odd}", **VN)
        assert response.status_code == 404 and '<html lang="vi"' in response.content.decode()
    assert client.get("/vi/editor/clashes/?state=%00", **VN).status_code == 400

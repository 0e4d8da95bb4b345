"""The listings' and directory's filter panels are kept rendered only for
values the site has: any two letters are a valid country filter, and a
crawler walking them (× sector × type × product) would fill the fragment
store with panels nobody else asks for. Others are rendered, not kept."""

import pytest
from django.test import Client

from web.fragment_store import fragments as kept_fragments

VN = "cn-vn.localhost"


def panels(name: str) -> list[str]:
    return [key for key in kept_fragments if f":{name}:" in key]


def page(path: str) -> str:
    response = Client().get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("path", "panel"),
    [("/en/opportunities/", "opportunity-filters"), ("/en/enterprises/", "enterprise-filters")],
)
def test_a_panel_is_kept_for_the_sites_countries_only(site_vn, path, panel):
    kept_fragments.clear()
    elsewhere = page(f"{path}?country=FR&sector=A")

    assert panels(panel) == []
    assert page(f"{path}?country=FR&sector=A") == elsewhere
    assert 'name="country"' in elsewhere and "filters-panel" in elsewhere

    page(f"{path}?country=VN&sector=A")
    page(f"{path}?sector=A")
    assert len(panels(panel)) == 2

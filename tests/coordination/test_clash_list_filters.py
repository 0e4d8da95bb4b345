"""The clash list's folded filters say what is chosen in the reader's
language, counting each ticked site once and ignoring codes that name no
site; odd filter values give the page or a 400, never a 500."""

import pytest

HUB = {"HTTP_HOST": "localhost"}


def _summary(response) -> str:
    html = response.content.decode()
    start = html.index('<summary class="filters-panel__toggle">')
    return html[start : html.index("</summary>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, line",
    [
        ({}, "Tất cả các trang"),
        ({"site": ["cn-vn", "cn-vn", "zz-nowhere"]}, "1 trang"),
        ({"site": ["cn-vn", "cn-id"], "state": "resolved"}, "2 trang"),
        ({"site": "x" * 5000}, "0 trang"),
        ({"site": ["cn-vn"] * 500}, "1 trang"),
        ({"site": "中国–越南 🇻🇳"}, "0 trang"),
    ],
)
def test_the_folded_filters_say_what_is_chosen(client, coordinator, settings, query, line):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(coordinator)

    response = client.get("/vi/coordination/", query, **HUB)

    assert response.status_code == 200
    summary = _summary(response)
    assert "Bộ lọc" in summary
    assert line in summary
    assert ("Đã giải quyết" if query.get("state") == "resolved" else "Chưa xử lý") in summary


@pytest.mark.django_db
def test_a_nul_byte_in_the_site_filter_is_a_400(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/vi/coordination/", {"site": "cn-vn\x00"}, **HUB)

    assert response.status_code == 400

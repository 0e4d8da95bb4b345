import html
import re

import pytest

from cooperation.models import Enterprise
from languages.collation import sorted_by
from search.query import search

_ITEM_NAME = re.compile(r'<a class="event-item__title" href="[^"]*" lang="[^"]*">([^<]*)</a>')


def names(response) -> list[str]:
    """The names the directory shows, in order (kept items are not objects
    in the page's context, only their keys: read from the page)."""
    return [html.unescape(name) for name in _ITEM_NAME.findall(response.content.decode())]


@pytest.mark.django_db
def test_directory_lists_by_displayed_name_with_fallback(client, site_vn, in_site):
    with in_site(site_vn):
        Enterprise.objects.create(
            slug="an-phat", name_vi="An Phát Plastics", country="VN", sectors=["C"]
        )
        Enterprise.objects.create(slug="zeta", name_en="Zeta Rubber", country="VN", sectors=["C"])

    response = client.get("/vi/enterprises/", HTTP_HOST="cn-vn.localhost")
    pager = response.context["pager"]
    shown = names(response)
    for number in range(2, pager.num_pages + 1):  # the directory's other pages
        shown += names(client.get(f"/vi/enterprises/?page={number}", HTTP_HOST="cn-vn.localhost"))

    expected = [
        "An Phát Plastics",
        "Công ty Trái cây Bình Thuận",
        "Guangxi Nut Trading",  # no Vietnamese name: English, sorted as shown
        "Zeta Rubber",
    ]
    assert [name for name in shown if name in expected] == expected
    assert shown[0] == "An Phát Plastics"
    with in_site(site_vn):
        assert len(shown) == Enterprise.objects.listed().count()  # the whole directory
    assert 'lang="en">Guangxi Nut Trading</a>' in response.content.decode()


def every_page(client, path: str, host: str) -> list[str]:
    response = client.get(path, HTTP_HOST=host)
    shown = names(response)
    for number in range(2, response.context["pager"].num_pages + 1):
        shown += names(client.get(f"{path}?page={number}", HTTP_HOST=host))
    return shown


@pytest.mark.django_db
def test_the_directory_is_in_the_order_its_readers_sort_names(client, site_vn, site_id, in_site):
    """Not by code point (the database's C collation): Chinese by pinyin
    (安 an, 北 bei, 重 chong, 广 guang, 上 shang), Vietnamese by its alphabet
    (Đ after D, lower and upper case together), as languages.collation sorts."""
    chinese = ["上海物流", "重庆机械", "安徽茶叶", "广西果业", "北京农产"]
    vietnamese = ["Đông Á Foods", "an Lạc Rice", "Zeta Rubber", "Ánh Dương Tea", "Dệt Nam Định"]
    with in_site(site_vn):
        for number, (zh, vi) in enumerate(zip(chinese, vietnamese, strict=True)):
            Enterprise.objects.create(
                slug=f"sorted-{number}", name_zh_hans=zh, name_vi=vi, country="CN", sectors=["G"]
            )
    with in_site(site_id):  # the outsider: another site's enterprise of the same sector
        Enterprise.objects.create(
            slug="outsider", name_zh_hans="阿里巴巴", country="CN", sectors=["G"]
        )

    in_chinese = every_page(client, "/zh-hans/enterprises/", "cn-vn.localhost")
    in_vietnamese = every_page(client, "/vi/enterprises/", "cn-vn.localhost")

    assert [name for name in in_chinese if name in chinese] == sorted_by(chinese, "zh-hans")
    assert in_chinese[:1] == ["安徽茶叶"] and "阿里巴巴" not in in_chinese
    assert [name for name in in_vietnamese if name in vietnamese] == sorted_by(vietnamese, "vi")
    assert sorted_by(in_vietnamese, "vi") == in_vietnamese  # the demo's names too
    assert "阿里巴巴" in every_page(client, "/zh-hans/enterprises/", "cn-id.localhost")


@pytest.mark.django_db
def test_filters_by_country_sector_and_verified(client, site_id, in_site):
    by_country = client.get("/en/enterprises/?country=cn", HTTP_HOST="cn-id.localhost")
    by_sector = client.get("/en/enterprises/?sector=A", HTTP_HOST="cn-id.localhost")
    verified = client.get("/en/enterprises/?verified=1", HTTP_HOST="cn-id.localhost")

    def shown(response) -> list[Enterprise]:
        pks = [item.pk for item in response.context["enterprises"]]
        with in_site(site_id):
            return list(Enterprise.objects.filter(pk__in=pks))

    assert "Nanning Cross-border Logistics" in names(by_country)
    assert {e.country for e in shown(by_country)} == {"CN"}
    assert "Gayo Coffee Cooperative" in names(by_sector)
    assert all("A" in e.sectors for e in shown(by_sector))
    assert "Gayo Coffee Cooperative" in names(verified)
    assert "Nanning Cross-border Logistics" not in names(verified)
    assert all(e.verified for e in shown(verified))
    with in_site(site_id):  # nothing that matches is left out
        assert len(shown(by_country)) == Enterprise.objects.listed().filter(country="CN").count()
        assert (
            len(shown(by_sector))
            == Enterprise.objects.listed().filter(sectors__contains=["A"]).count()
        )
        assert len(shown(verified)) == Enterprise.objects.listed().filter(verified=True).count()
        assert Enterprise.objects.listed().exclude(country="CN").exists()
    assert "✓ Verified" in verified.content.decode()


@pytest.mark.django_db
def test_unlisted_enterprises_are_hidden_everywhere(client, site_vn, in_site):
    with in_site(site_vn):
        enterprise = Enterprise.objects.get(slug="guangxi-nut-trading")
        enterprise.is_listed = False
        enterprise.save()
        assert search("nut trading", language="en") == []

    assert (
        client.get("/en/enterprises/guangxi-nut-trading/", HTTP_HOST="cn-vn.localhost").status_code
        == 404
    )
    assert (
        "Guangxi Nut Trading"
        not in client.get("/en/enterprises/", HTTP_HOST="cn-vn.localhost").content.decode()
    )


@pytest.mark.django_db
def test_directory_of_one_site_never_shows_the_others(client, site_vn, site_id):
    page = client.get("/en/enterprises/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "Gayo Coffee Cooperative" not in page
    assert (
        client.get(
            "/en/enterprises/gayo-coffee-cooperative/", HTTP_HOST="cn-vn.localhost"
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_directory_queries_are_bounded(client, site_vn, in_site, django_assert_max_num_queries):
    with in_site(site_vn):
        for number in range(30):
            Enterprise.objects.create(
                slug=f"company-{number}", name_en=f"Company {number}", country="CN", sectors=["G"]
            )

    # The count, the page, the product vocabulary of the filter (cached after
    # the first request) and the domain, each after SET search_path.
    with django_assert_max_num_queries(8):
        response = client.get("/en/enterprises/", HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 200

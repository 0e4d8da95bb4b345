"""Listings, enterprises and articles carry HS codes: asked for when posting
(with or without JavaScript), shown, and filtered on."""

import pytest

from cooperation.models import Opportunity
from search.models import ProductTerm
from tests.cooperation.test_opportunities import valid_post
from tests.factories.accounts import make_enterprise, make_member
from tests.factories.opportunities import make_listing

HOST = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.fixture
def poster(client, site_vn, in_site):
    with in_site(site_vn):
        member = make_member(
            make_enterprise(names={"vi": "Công ty Hạt Điều Bình Phước"}), language="vi"
        )
        client.force_login(member.user)
    return client


def posted(site, in_site) -> Opportunity:
    with in_site(site):
        return Opportunity.objects.get(title_vi="Cà phê Robusta Đắk Lắk")


@pytest.mark.django_db
def test_a_name_in_the_posters_language_without_accents_is_enough(poster, site_vn, in_site):
    response = poster.post("/vi/opportunities/post/", valid_post(product="nhan dieu"), **HOST)

    assert response.status_code == 302
    assert posted(site_vn, in_site).hs_codes == ["080132"]


@pytest.mark.django_db
def test_cashew_asks_in_shell_or_shelled_and_offers_no_coconut(poster, site_vn, in_site):
    response = poster.post("/vi/opportunities/post/", valid_post(product="hat dieu"), **HOST)
    page = response.content.decode()

    assert response.status_code == 400
    assert 'name="product_choice" value="080131"' in page
    assert 'name="product_choice" value="080132"' in page
    assert 'value="080111"' not in page and 'value="080119"' not in page


@pytest.mark.django_db
def test_an_ambiguous_name_comes_back_with_the_products_to_choose_from(poster, site_vn, in_site):
    response = poster.post("/vi/opportunities/post/", valid_post(product="dieu"), **HOST)
    page = response.content.decode()

    assert response.status_code == 400
    assert "Bạn muốn chọn sản phẩm nào?" in page  # in the poster's language
    assert 'name="product_choice" value="080132"' in page
    assert "0801.32 · Hạt điều đã bóc vỏ" in page
    assert 'value="Cà phê Robusta Đắk Lắk"' in page  # what was typed is kept

    chosen = poster.post(
        "/vi/opportunities/post/", valid_post(product="dieu", product_choice="080132"), **HOST
    )
    assert chosen.status_code == 302
    assert posted(site_vn, in_site).hs_codes == ["080132"]


@pytest.mark.django_db
def test_a_whole_name_or_synonym_needs_no_choosing(poster, site_vn, in_site):
    response = poster.post("/vi/opportunities/post/", valid_post(product="ca phe"), **HOST)

    assert response.status_code == 302  # "Cà phê" is the name of 0901 itself
    assert posted(site_vn, in_site).hs_codes == ["0901"]


@pytest.mark.django_db
def test_unknown_products_and_missing_goods_are_refused_in_the_posters_language(poster):
    unknown = poster.post("/vi/opportunities/post/", valid_post(product="zzqx"), **HOST)
    missing = poster.post("/vi/opportunities/post/", valid_post(product=""), **HOST)
    tender = poster.post(
        "/vi/opportunities/post/",
        valid_post(product="", kind="tender", title="Gói thầu cần cẩu"),
        **HOST,
    )

    assert "Không có sản phẩm nào khớp với “zzqx”" in unknown.content.decode()
    assert missing.status_code == 400
    assert "mã HS" in missing.content.decode()
    assert tender.status_code == 302  # services need no HS code


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    [
        "0801\x00",
        "\x00",
        "9" * 500,
        "08' OR 1=1 --",
        "<script>x</script>",
        "０８０１",
        "080199",
        "1",
    ],
)
def test_hostile_product_values_get_the_form_back_not_an_error(poster, value):
    response = poster.post("/vi/opportunities/post/", valid_post(product=value), **HOST)

    assert response.status_code in {302, 400}  # saved, or the form back with a message
    assert "<script>x</script>" not in response.content.decode()


@pytest.mark.django_db
def test_the_lookup_answers_as_one_types_in_any_site_language(client, site_vn, in_site):
    vietnamese = client.get("/vi/products/lookup/", {"q": "hat die"}, **HOST).json()["results"]
    chinese = client.get("/zh-hans/products/lookup/", {"q": "腰果"}, **HOST).json()["results"]
    by_code = client.get("/en/products/lookup/", {"q": "0801.32"}, **HOST).json()["results"]
    nothing = client.get("/en/products/lookup/", {"q": "!!"}, **HOST).json()["results"]
    nul = client.get("/en/products/lookup/", {"q": "\x00"}, **HOST)  # refused before the view

    assert vietnamese[0]["code"] == "0801" and vietnamese[0]["lang"] == "vi"
    assert "Dừa, quả hạch Brazil và hạt điều" in vietnamese[0]["label"]
    assert [r["code"] for r in chinese[:2]] == ["080131", "080132"]  # cashew, no coconut
    assert all("腰果" in r["label"] for r in chinese[:2])
    assert [r["code"] for r in by_code] == ["080132"]
    assert nothing == []
    assert nul.status_code == 400


@pytest.mark.django_db
def test_a_site_name_in_a_language_without_a_seeded_name_falls_back_with_disclosure(
    client, site_vn, in_site
):
    # cn-vn offers zh-hans, vi and en; a name it lacks falls back along its chain.
    with in_site(site_vn):
        ProductTerm.objects.filter(product_id="0801", language="vi", kind="name").delete()
    found = client.get("/vi/products/lookup/", {"q": "0801"}, **HOST).json()["results"]

    assert found[0]["lang"] == "en"  # shown in English, and marked so


@pytest.mark.django_db
def test_listings_show_their_product_and_filter_by_it(client, site_vn, in_site):
    with in_site(site_vn):
        for code, title in (("080132", "Shelled cashew, W320"), ("0901", "Green coffee")):
            make_listing(texts={"en": (title, "x")}, codes=[code])

    everything = client.get("/vi/opportunities/", **HOST).content.decode()
    chapter = client.get("/vi/opportunities/?product=08", **HOST).content.decode()
    heading = client.get("/vi/opportunities/?product=0801&type=demand", **HOST).content.decode()

    assert "0801.32 · Hạt điều đã bóc vỏ" in everything
    assert "Shelled cashew, W320" in chapter and "Green coffee" not in chapter
    assert "Shelled cashew, W320" in heading and "Green coffee" not in heading
    assert 'href="/vi/opportunities/feed.atom?product=0801&amp;type=demand"' in heading


@pytest.mark.django_db
def test_a_listing_shows_its_product_on_the_home_page_and_in_the_list_alike(
    client, site_vn, in_site
):
    # The item is kept rendered per listing (web fragments): whichever page
    # shows it first, the other shows the same product.
    with in_site(site_vn):
        make_listing(texts={"en": ("Shelled cashew, W240", "x")}, codes=["080132"])

    home = client.get("/vi/", **HOST).content.decode()
    listings = client.get("/vi/opportunities/", **HOST).content.decode()

    badge = '?product=080132" lang="vi">Hạt điều đã bóc vỏ</a>'
    assert "Shelled cashew, W240" in home
    assert badge in home
    assert badge in listings


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["product=9999", "product=08%27", "product=" + "0" * 500, "country=%E2%80%AE", "type=x"],
)
def test_bad_filters_are_ignored(client, site_vn, query):
    response = client.get(f"/vi/opportunities/?{query}", **HOST)

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["product=%00", "type=%00&product=0801", "country=%00"])
def test_a_nul_in_a_filter_is_a_readable_400(client, site_vn, query):
    # Refused before the view for every page (web.security, issue 12).
    response = client.get(f"/vi/opportunities/?{query}", **HOST)

    assert response.status_code == 400
    assert 'lang="vi"' in response.content.decode()

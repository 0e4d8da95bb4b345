"""A product word finds that product, not its neighbours under the same
heading: heading 0801 is "coconuts, Brazil nuts and cashew nuts", so cashew
and coconut have their names and synonyms on their own subheadings (0801.11,
.12, .19 coconuts; 0801.31, .32 cashew), and a query is expanded only through
the terms of the codes it names. An item coded with the heading alone is
found by the words of its text, not by the heading."""

import pytest

from hub.vocabulary import understand as hub_understand
from search.query import Filters, search
from search.text import query_tokens
from search.vocabulary import codes_in_text, understand
from tests.factories.opportunities import make_listing


def found(query: str, language: str, **filters) -> set[str]:
    return {r.title for r in search(query, language=language, filters=Filters(**filters))}


def shelf():
    """A cashew demand written in English, coconut offers in Vietnamese and
    Indonesian, a palm oil offer, and two items coded with the heading only."""
    make_listing(texts={"en": ("Cashew kernels wanted, W320", "Monthly, CIF Qinzhou.")})
    make_listing(
        texts={
            "vi": ("Dừa xiêm Bến Tre xuất khẩu", "Trái tươi, đóng thùng."),
            "en": ("Fresh Ben Tre coconuts", "Boxed."),
        },
        codes=["080119"],
        kind="supply",
        country="VN",
    )
    make_listing(
        texts={
            "id": ("Kelapa parut kering", "Dari Sulawesi Utara."),
            "en": ("Desiccated coconut, North Sulawesi", "Bulk."),
        },
        codes=["080111"],
        kind="supply",
        country="ID",
    )
    make_listing(
        texts={"id": ("Minyak sawit mentah", "Dari Riau, sertifikat ISPO.")},
        codes=["151110"],
        kind="supply",
        country="ID",
    )
    make_listing(texts={"en": ("Heading only: cashew in shell", "Lot 4.")}, codes=["0801"])
    make_listing(texts={"en": ("Heading only: copra lot", "Lot 5.")}, codes=["0801"])


CASHEW = "Cashew kernels wanted, W320"
BEN_TRE = {"Dừa xiêm Bến Tre xuất khẩu", "Fresh Ben Tre coconuts"}  # its title, by language
SULAWESI = {"Kelapa parut kering", "Desiccated coconut, North Sulawesi"}
COCONUTS = BEN_TRE | SULAWESI
PALM_OIL = "Minyak sawit mentah"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "language"), [("hat dieu", "vi"), ("cashew", "en"), ("腰果", "zh-hans")]
)
def test_cashew_in_any_language_finds_cashew_and_no_coconut(site_vn, in_site, query, language):
    with in_site(site_vn):
        shelf()
        results = found(query, language)

    assert CASHEW in results
    assert "Heading only: cashew in shell" in results  # coded 0801, its text says cashew
    assert not results & COCONUTS
    assert PALM_OIL not in results and "Heading only: copra lot" not in results


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "language"), [("dừa", "vi"), ("dua", "vi"), ("coconut", "en")])
def test_coconut_finds_coconut_and_no_cashew_on_china_vietnam(site_vn, in_site, query, language):
    with in_site(site_vn):
        shelf()
        results = found(query, language)

    assert results & BEN_TRE
    assert CASHEW not in results and "Heading only: cashew in shell" not in results


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "language"), [("kelapa", "id"), ("椰子", "zh-hans")])
def test_coconut_finds_coconut_and_no_cashew_on_china_indonesia(site_id, in_site, query, language):
    with in_site(site_id):
        shelf()
        results = found(query, language)

    assert results & SULAWESI and results & BEN_TRE  # the Vietnamese one through its code
    assert CASHEW not in results and "Heading only: cashew in shell" not in results
    # The oil palm is "kelapa sawit": the demo's palm oil company and news are no coconut.
    assert not [t for t in results if "sawit" in t.lower() or "棕榈" in t or "palm" in t.lower()]


@pytest.mark.django_db
def test_the_heading_itself_still_covers_everything_under_it(site_vn, in_site):
    with in_site(site_vn):
        shelf()
        heading = found("", "en", product="0801")

    assert heading & SULAWESI and heading & BEN_TRE  # coded under 0801
    assert "Heading only: copra lot" in heading and PALM_OIL not in heading


@pytest.mark.django_db
def test_a_query_means_the_subheadings_it_names_not_their_heading(site_vn, in_site):
    with in_site(site_vn):
        cashew = understand(query_tokens("cashew"), "en")
        coconut = understand(query_tokens("dừa"), "vi")
        partial = understand(query_tokens("cashew nut"), "en")

    assert cashew.codes == ["080131", "080132"]
    assert coconut.codes == ["080111", "080112", "080119"]
    assert "0801" not in partial.codes  # a subheading matched: the heading is too broad
    assert not any("dua" in phrase or "kelapa" in phrase for phrase in cashew.phrases)


def test_the_hub_reads_the_same_senses():
    assert hub_understand(query_tokens("hat dieu")).codes == ["080131", "080132"]
    kelapa = hub_understand(query_tokens("kelapa"))
    assert kelapa.codes == ["080111", "080112", "080119"]
    assert "kelapa sawit" in kelapa.unless["kelapa"] and "kelapa sawit" in kelapa.query_unless
    assert not any("kelapa" in p.lower() for p in hub_understand(query_tokens("cashew")).phrases)


@pytest.mark.django_db
def test_the_hub_search_keeps_cashew_coconut_and_palm_oil_apart(client, site_vn, site_id, in_site):
    with in_site(site_id):
        shelf()

    def titles(query: str, language: str) -> str:
        return client.get(
            f"/{language}/search/", {"q": query}, HTTP_HOST="localhost"
        ).content.decode()

    cashew, kelapa = titles("hạt điều", "vi"), titles("kelapa", "id")
    assert "Cashew kernels wanted, W320" in cashew
    assert "Kelapa parut kering" not in cashew and "Desiccated coconut" not in cashew
    assert "Kelapa parut kering" in kelapa and "Cashew kernels" not in kelapa
    assert "PT Sawit Riau Lestari" not in kelapa and "Minyak sawit mentah" not in kelapa


@pytest.mark.django_db
def test_palm_oil_text_is_not_coded_as_coconut(site_id, in_site):
    with in_site(site_id):
        plantation = codes_in_text(
            ["Perkebunan dan pabrik kelapa sawit bersertifikat ISPO di Riau."], ["id", "en"]
        )
        mixed = codes_in_text(["Dừa tươi Bến Tre và hạt điều rang muối"], ["vi", "en"])

    assert not [code for code in plantation if code.startswith("0801")]
    assert "1511" in plantation
    assert any(code.startswith("08011") for code in mixed)  # coconut …
    assert any(code.startswith("08013") for code in mixed)  # … and cashew, each its own


@pytest.mark.django_db
def test_seeding_again_moves_the_old_heading_words_and_keeps_the_editors(site_vn, in_site):
    from search.models import ProductTerm
    from search.vocabulary import seed

    with in_site(site_vn):
        # As the seed of an earlier version wrote them, and as an editor did.
        ProductTerm.objects.create(product_id="0801", language="en", text="coconut", seeded=True)
        ProductTerm.objects.create(product_id="0801", language="vi", text="điều W320")
        seed()
        on_heading = set(
            ProductTerm.objects.filter(product_id="0801").values_list("text", flat=True)
        )
        coconut = ProductTerm.objects.filter(product_id="080119", text="coconut").exists()

    assert "coconut" not in on_heading and "điều W320" in on_heading
    assert coconut

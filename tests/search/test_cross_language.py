"""A query finds content in every language of the site, through the product
vocabulary: Vietnamese ↔ English ↔ Chinese, by code and by synonym, with or
without accents."""

import datetime

import pytest
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from cooperation.models import Article, Category, Opportunity
from search.models import ProductTerm
from search.query import Filters, Tier, matching, search
from tests.factories.articles import make_article


def listing(*, texts: dict[str, tuple[str, str]], codes=(), kind="demand", country="CN", **fields):
    """An approved, open listing in the current schema; ``texts`` maps language → (title, description)."""
    opportunity = Opportunity(
        kind=kind,
        sector="A",
        country=country,
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
        company="Test Trading",
        contact_name="A. Buyer",
        contact_email="buyer@example.org",
        language=next(iter(texts)),
        status=Opportunity.Status.APPROVED,
        hs_codes=list(codes),
        **fields,
    )
    for language, (title, description) in texts.items():
        setattr(opportunity, build_localized_fieldname("title", language), title)
        setattr(opportunity, build_localized_fieldname("description", language), description)
    opportunity.save()
    return opportunity


def found(query: str, language: str, **filters) -> dict[str, object]:
    """Title → result of what ``query`` finds for a reader of ``language``."""
    page = search(query, language=language, filters=Filters(**filters))
    return {result.title: result for result in page.results}


@pytest.mark.django_db
def test_hat_dieu_finds_an_english_only_cashew_listing_and_one_coded_0801_32(site_vn, in_site):
    with in_site(site_vn):
        listing(texts={"en": ("Cashew kernels wanted, grade W240", "Monthly orders.")})
        listing(
            texts={"en": ("Bulk order for a processing plant", "Grade W320.")}, codes=["080132"]
        )
        # Heading 0801 alone also holds coconuts: only its words say which.
        listing(texts={"en": ("Bulk order for a drying plant", "Grade A.")}, codes=["0801"])
        listing(texts={"en": ("Pepper wanted", "Black pepper, 500 g/l.")}, codes=["0904"])
        results = found("hat dieu", "vi")

    assert "Cashew kernels wanted, grade W240" in results
    assert results["Cashew kernels wanted, grade W240"].title_language == "en"
    assert not results["Cashew kernels wanted, grade W240"].is_translated  # no Vietnamese yet
    assert results["Bulk order for a processing plant"].tier == Tier.PRODUCT
    assert "Bulk order for a drying plant" not in results
    assert "Pepper wanted" not in results


@pytest.mark.django_db
def test_chinese_reader_finds_the_vietnamese_coffee_offer(site_vn, in_site):
    with in_site(site_vn):
        listing(
            kind="supply",
            country="VN",
            texts={"vi": ("Cà phê Robusta Đắk Lắk", "Hàng mới vụ, đóng bao 60 kg.")},
        )
        results = found("咖啡", "zh-hans")

    offer = results["Cà phê Robusta Đắk Lắk"]
    assert offer.title_language == "vi"
    assert offer.tier == Tier.OTHER_LANGUAGE  # through "cà phê", a name of 0901


@pytest.mark.django_db
def test_english_and_unaccented_vietnamese_find_each_other(site_vn, in_site):
    with in_site(site_vn):
        listing(texts={"vi": ("Cần mua hạt điều nhân", "Số lượng lớn.")}, country="VN")
        listing(texts={"en": ("Robusta coffee, new crop", "FOB Ho Chi Minh City.")}, kind="supply")
        english = found("cashew", "en")
        unaccented = found("ca phe", "vi")

    assert "Cần mua hạt điều nhân" in english
    assert "Robusta coffee, new crop" in unaccented


@pytest.mark.django_db
def test_nong_nghiep_finds_an_article_filed_under_nong_nghiep(site_vn, in_site):
    with in_site(site_vn):
        category = Category.objects.create(
            slug="farming-test", name_en="Farming", name_vi="Nông nghiệp", name_zh_hans="农业"
        )
        make_article(slug="filed", texts={"en": "Quarterly notes"}, category=category)
        vietnamese = found("nong nghiep", "vi")
        chinese = found("农业", "zh-hans")

    assert "Quarterly notes" in vietnamese
    assert "Quarterly notes" in chinese


@pytest.mark.django_db
def test_a_synonym_added_on_one_site_works_there_only(site_vn, site_id, in_site):
    with in_site(site_vn):
        ProductTerm.objects.create(product_id="080131", language="vi", text="điều thô W320")
        listing(texts={"en": ("Cashew in shell, 2,000 t", "From Binh Phuoc.")})
        assert "Cashew in shell, 2,000 t" in found("dieu tho W320", "vi")
    with in_site(site_id):
        assert not ProductTerm.objects.filter(text="điều thô W320").exists()


@pytest.mark.django_db
def test_indonesian_and_chinese_reach_the_same_product(site_id, in_site):
    with in_site(site_id):
        listing(texts={"id": ("Kopi robusta Lampung", "Panen baru.")}, country="ID", kind="supply")
        listing(texts={"zh-hans": ("求购咖啡生豆", "每月一柜。")})
        from_chinese = found("咖啡", "zh-hans")
        from_indonesian = found("kopi", "id")

    assert "Kopi robusta Lampung" in from_chinese
    assert "求购咖啡生豆" in from_indonesian


@pytest.mark.django_db
def test_korean_runs_are_matched_by_character_pairs(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="korean", texts={"en": "한국산커피수입증가 report"})
        results = found("커피", "en")

    assert "한국산커피수입증가 report" in results


@pytest.mark.django_db
def test_filters_combine_with_the_query(site_vn, in_site):
    with in_site(site_vn):
        listing(texts={"en": ("Cashew demand from Nanning", "")}, codes=["080132"], country="CN")
        listing(
            texts={"en": ("Cashew supply from Binh Phuoc", "")},
            codes=["080131"],
            country="VN",
            kind="supply",
        )
        make_article(slug="cashew-news", texts={"en": "Cashew prices rise"})
        listings_from_vn = found("cashew", "en", kind="opportunity", country="VN")
        shelled = found("cashew", "en", product="080132")
        chapter = found("", "en", product="08", kind="opportunity")

    assert "Cashew supply from Binh Phuoc" in listings_from_vn
    assert "Cashew demand from Nanning" not in listings_from_vn  # from China
    assert "Cashew prices rise" not in listings_from_vn  # news
    assert "Cashew demand from Nanning" in shelled
    assert "Cashew supply from Binh Phuoc" not in shelled  # 0801.31: in shell
    assert "Cashew prices rise" not in shelled  # not coded
    assert {"Cashew demand from Nanning", "Cashew supply from Binh Phuoc"} <= set(chapter)


@pytest.mark.django_db
def test_the_date_filter_keeps_recent_items(site_vn, in_site):
    with in_site(site_vn):
        make_article(
            slug="old-rice",
            texts={"en": "Rice harvest notes"},
            published_at=timezone.now() - datetime.timedelta(days=90),
        )
        make_article(slug="new-rice", texts={"en": "Rice export notes"})
        recent = found("rice", "en", since=timezone.now() - datetime.timedelta(days=7))

    assert "Rice export notes" in recent
    assert "Rice harvest notes" not in recent


@pytest.mark.django_db
def test_alerts_get_only_what_appeared_since_the_last_digest(site_vn, in_site):
    with in_site(site_vn):
        before = listing(texts={"en": ("Cashew lot A", "")})
        sent_at = timezone.now()
        pending = listing(texts={"en": ("Cashew lot B", "")})
        pending.status = Opportunity.Status.PENDING
        pending.save()
        after = listing(texts={"en": ("Cashew lot C", "")})
        pending.status = Opportunity.Status.APPROVED  # approved after the digest
        pending.save()
        new = matching(site_vn, "vi", "hat dieu", Filters(kind="opportunity"), since=sent_at)

    titles = [result.title for result in new]
    assert "Cashew lot A" not in titles
    assert {"Cashew lot B", "Cashew lot C"} <= set(titles)
    assert before.pk and after.pk


@pytest.mark.django_db
def test_a_product_alert_matches_by_code_alone(site_vn, in_site):
    with in_site(site_vn):
        sent_at = timezone.now()
        listing(texts={"en": ("Lot 7", "")}, codes=["080132"])
        listing(texts={"en": ("Lot 8", "")}, codes=["0901"])
        new = matching(site_vn, "en", "", Filters(product="0801"), since=sent_at)

    assert [result.title for result in new] == ["Lot 7"]


@pytest.mark.django_db
def test_a_query_naming_a_broad_chapter_does_not_pull_in_its_neighbours(site_vn, in_site):
    with in_site(site_vn):
        listing(texts={"en": ("Lot of white pepper", "")}, codes=["0904"])
        listing(texts={"en": ("Lot 9", "")}, codes=["0901"])
        results = found("coffee", "en")

    assert "Lot 9" in results
    assert "Lot of white pepper" not in results  # chapter 09 is "coffee, tea and spices"


@pytest.mark.django_db
def test_unpublished_articles_stay_hidden_from_the_vocabulary_paths_too(site_vn, in_site):
    with in_site(site_vn):
        make_article(
            slug="draft-cashew",
            texts={"en": "Cashew draft"},
            status=Article.Status.DRAFT,
            hs_codes=["0801"],
        )
        results = found("hat dieu", "vi")

    assert "Cashew draft" not in results

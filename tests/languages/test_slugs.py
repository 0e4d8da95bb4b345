"""Slugs from titles in any script."""

import pytest

from cooperation.models import Enterprise
from cooperation.services.accounts import enterprise_slug
from languages.slugs import ascii_slug, slug_for, unique_slug
from tests.factories.accounts import make_enterprise


@pytest.mark.parametrize(
    ("title", "language", "slug"),
    [
        ("한중 경제 협력 포럼 개최", "ko", "hanjung-gyeongje-hyeopryeok-poreom-gaechoe"),
        ("中国越南经贸合作论坛在重庆举行", "zh-hans", "zhong-guo-yue-nan-jing-mao-he-zuo-lun-tan-zai-chong-qing-ju-xing"),
        ("长江经济带", None, "chang-jiang-jing-ji-dai"),
        ("日中経済協力フォーラム", "ja", "nitchuu-keizai-kyouryoku-fooramu"),
        ("Cà phê Đắk Lắk xuất khẩu", "vi", "ca-phe-dak-lak-xuat-khau"),
        ("Выставка в Москве", "ru", "vystavka-v-moskve"),
        ("व्यापार मेला", "hi", "vyapar-mela"),
        ("2026 中国–东盟博览会 (CAEXPO)", None, "2026-zhong-guo-dong-meng-bo-lan-hui-caexpo"),
        ("APEC峰会", None, "apec-feng-hui"),
    ],
)  # fmt: skip
def test_titles_in_any_script_give_readable_latin_slugs(title, language, slug):
    assert slug_for(title, language=language) == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # The inherent vowel is spoken, except at a word's end and between
        # a vowel-consonant and a consonant-vowel (Hindi schwa deletion).
        ("भारत-चीन व्यापार मंच", "bharat-chin-vyapar-manch"),
        ("सहयोग", "sahyog"),
        ("सरकार", "sarkar"),
        ("अपना", "apna"),
        ("कमल", "kamal"),
        ("प्रकाश", "prakash"),
        ("मंत्रालय", "mantralay"),
        # A cluster ending in y or r keeps the final vowel; a lone letter too.
        ("मित्र राज्य", "mitra-rajya"),
        ("धर्म", "dharm"),
        ("न", "na"),
        # Anusvara is m before p, ph, b, bh, m; n elsewhere; chandrabindu n.
        ("कंपनी", "kampani"),
        ("हैं में", "hain-men"),
        ("आँख", "ankh"),
        # Matras, vocalic r, nukta (precomposed or combining), visarga.
        ("कृषि निवेश", "krishi-nivesh"),
        ("ज़मीन फ़ोन", "zamin-fon"),
        ("\u095bमीन", "zamin"),  # precomposed ज़
        ("राष्ट्रीय भारतीय", "rashtriya-bhartiya"),
        ("दुःख", "duhkh"),
        ("ज्ञान क्षेत्र", "gyan-kshetra"),
        ("ऑनलाइन", "onlain"),
        # Devanagari digits and dandas.
        ("२०२६ व्यापार मेला।", "2026-vyapar-mela"),
        ("नेपाल", "nepal"),
    ],
)  # fmt: skip
def test_devanagari_keeps_its_vowels_and_nasals(title, slug):
    assert slug_for(title, language="hi") == slug
    # The script, not the language given, chooses the rules.
    assert slug_for(title) == slug


def test_a_title_with_nothing_to_spell_gets_a_stable_id():
    first = slug_for("🎉🎉")
    assert first.startswith("item-") and first == slug_for("🎉🎉") != slug_for("🎉")
    assert slug_for("", fallback="event").startswith("event-")
    assert ascii_slug("🎉") == ""


def test_long_titles_are_cut_between_words():
    slug = slug_for("trade " * 40, max_length=30)
    assert slug == "trade-trade-trade-trade-trade" and len(slug) <= 30
    assert len(slug_for("x" * 300)) == 100


@pytest.mark.django_db
def test_unique_slug_counts_up_past_taken_ones(site_vn, in_site):
    with in_site(site_vn):
        make_enterprise(slug="dak-lak")
        make_enterprise(slug="dak-lak-2")
        mine = make_enterprise(slug="dak-lak-3")

        assert unique_slug(Enterprise.objects.all(), "dak-lak") == "dak-lak-4"
        assert unique_slug(Enterprise.objects.all(), "dak-lak-3", exclude_pk=mine.pk) == "dak-lak-3"


@pytest.mark.django_db
def test_enterprise_slugs_keep_vietnamese_letters(site_vn, in_site):
    with in_site(site_vn):
        assert enterprise_slug("Công ty Cà phê Đắk Lắk", "vi") == "cong-ty-ca-phe-dak-lak"
        assert (
            enterprise_slug("广西水果进出口公司", "zh-hans")
            == "guang-xi-shui-guo-jin-chu-kou-gong-si"
        )

"""Country lists and other names sorted the way readers of each language expect.

The expected orders were checked against ICU 74's collation (Chromium's
``Intl.Collator``); codes rather than names, so a newer CLDR's spelling of a
name does not break the test while its place in the alphabet stays.
"""

import pytest

from languages.collation import sort_key, sorted_by
from languages.formatting import NOT_COUNTRIES, country_choices, country_name, country_options
from languages.slugs import ascii_slug


def positions(language: str, codes: list[str]) -> list[int]:
    order = [code for code, _name in country_choices(language)]
    return [order.index(code) for code in codes]


@pytest.mark.parametrize(
    ("language", "codes"),
    [
        # Pinyin: Ā'ěrbāníyà, Āfùhàn, Āijí, Àodàlìyà, Bāxī, Bìlǔ, Cháoxiǎn,
        # Déguó, Rìběn, Yuènán, Zhōngguó (by code point 越南 would come last).
        ("zh-hans", ["AL", "AF", "EG", "AU", "BR", "PE", "KP", "DE", "JP", "VN", "CN"]),
        # Vietnamese letters: a < ă < â, d < đ; tones only after the letters
        # (Ả Rập Xê-út, Afghanistan, Ai Cập, Angola, Áo, Ấn Độ … Dominica, Đức).
        ("vi", ["SA", "AF", "EG", "AO", "AT", "IN", "BE", "DM", "DE", "TH", "TR", "VN"]),
        # Indonesian: the root order (Afganistan, Afrika Selatan, Amerika Serikat …).
        ("id", ["AF", "ZA", "US", "NL", "BE", "ID", "TH", "CN", "VN", "YE"]),  # Thailand, Tiongkok
    ],
)
def test_country_names_follow_the_languages_alphabet(language, codes):
    found = positions(language, codes)
    assert found == sorted(found), [country_name(code, language) for code in codes]


@pytest.mark.parametrize("language", ["zh-hans", "vi", "id", "en", "ar", "ja"])
def test_lists_hold_real_countries_and_territories_only(language):
    codes = {code for code, _name in country_choices(language)}

    assert not codes & NOT_COUNTRIES  # no Pseudo-Accents, Unknown Region, EU, UN…
    assert {"VN", "CN", "ID", "XK", "HK", "PR"} <= codes
    assert len(codes) == 250  # ISO 3166-1's 249, and Kosovo


def test_the_sites_countries_come_first_then_the_others_grouped(settings):
    from django.utils import translation

    with translation.override("vi"):
        options = country_options(first=("CN", "VN"))

    assert options[0] == ("", "—")
    assert options[1:3] == [("CN", "Trung Quốc"), ("VN", "Việt Nam")]
    group_label, rest = options[3]
    assert group_label == "Quốc gia và vùng lãnh thổ khác"
    assert "CN" not in dict(rest) and "VN" not in dict(rest) and len(rest) == 248


def test_vietnamese_tones_come_after_letters_and_case_last():
    words = ["Đà Nẵng", "da", "Dạ", "dã", "dà", "Da", "dả", "dá", "Đa", "Dang"]

    assert sorted_by(words, "vi") == [
        "da",
        "Da",
        "dà",
        "dả",
        "dã",
        "dá",
        "Dạ",
        "Dang",
        "Đa",
        "Đà Nẵng",
    ]


def test_other_scripts_keep_their_own_order():
    # Thai vowels written first sort after their consonant; Cyrillic й is a letter.
    assert sorted_by(["เกาหลี", "กรีซ", "กัมพูชา"], "th") == ["กรีซ", "กัมพูชา", "เกาหลี"]
    assert sorted_by(["Йемен", "Израиль", "Индия"], "ru") == ["Израиль", "Индия", "Йемен"]
    assert sorted_by(["Zaire", "Ñandú", "Nilo", "Oman"], "es") == ["Nilo", "Ñandú", "Oman", "Zaire"]


def test_keys_accept_any_text():
    for text in ["", " ", "\x00", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a\u0301\u0301", "ー", "中" * 500, "\ud7a3"]:
        for language in ("zh-hans", "vi", "id", "ja", "th"):
            sort_key(text, language)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Cà phê Đắk Lắk", "ca-phe-dak-lak"),
        ("Công ty TNHH Đồng Tháp", "cong-ty-tnhh-dong-thap"),
        ("越南咖啡有限公司", "yue-nan-ka-fei-you-xian-gong-si"),
        ("PT Kopi Nusantara Tbk.", "pt-kopi-nusantara-tbk"),
        ("Søndergaard & Straße", "sondergaard-strasse"),
        ("สยาม", "syam"),  # Thai, too, has a usual transliteration (anyascii)
    ],
)
def test_slugs_keep_the_letters_of_names(name, slug):
    assert ascii_slug(name) == slug

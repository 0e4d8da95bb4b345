"""tenants.naming.comparable: two names a reader cannot tell apart compare
equal, so neither a launched site's name nor its short name can pass for
another pair's (an attack review found these ways past it)."""

import pytest

from tenants.naming import comparable

LATIN = "China–Thailand Economic and Trade Cooperation"


@pytest.mark.parametrize(
    "disguised",
    [
        LATIN.replace("–", "\u2212"),  # a minus sign for the dash
        LATIN.replace("Thai", "Th\u034fai"),  # combining grapheme joiner
        LATIN.replace("Trade", "Trade\ufe0f"),  # variation selector
        LATIN.replace(" and", " \u3164and"),  # Hangul filler, drawn as nothing
        LATIN.replace("Economic", "Eco\u115fnomic"),  # Hangul choseong filler
        LATIN.replace("China", "Chin\uffa0a"),  # half-width Hangul filler
        LATIN.replace("Economic", "Ec\u043en\u043emic"),  # Cyrillic о
        LATIN.replace("Trade", "Trad\u0435"),  # Cyrillic е
        LATIN.replace("China", "\u0421hina"),  # Cyrillic С
        LATIN.replace("Cooperation", "C\u03bfoperati\u03bfn"),  # Greek ο
    ],
)
def test_a_name_disguised_with_lookalikes_reads_as_the_name(disguised):
    assert disguised != LATIN
    assert comparable(disguised) == comparable(LATIN)


@pytest.mark.parametrize(
    ("name", "disguised"),
    [
        # Cyrillic о with the marks of ố; Đ written as the Icelandic Ð.
        ("Trung Quốc–Việt Nam", "Trung Qu\u043e\u0302\u0301c–Việt Nam"),
        ("Việt Nam–Đức", "Việt Nam–\u00d0ức"),
        ("Новый Орёл", "Новый Орe\u0308л"),  # ё as a Latin e and two dots
        ("ความร่วมมือเศรษฐกิจและการค้า", "ความร่วมมือเศรษฐกิจเเละการค้า"),  # แ as เเ
        ("الصين–تايلاند", "الصيـن–تايلاند"),  # a tatweel stretching a letter
        ("中国–越南", "中国一越南"),  # the character for one, drawn as a dash
        ("China–Laos", "China–La\u2065os"),  # unassigned: drawn as nothing
    ],
)
def test_names_in_other_scripts_disguised_read_as_the_name(name, disguised):
    assert comparable(disguised) == comparable(name)


def test_names_in_cyrillic_and_hangul_still_tell_sites_apart():
    assert comparable("Китай–Россия") != comparable("Китай–Казахстан")
    assert comparable("Китай–Россия") == comparable("КИТАЙ-россия")
    assert comparable("중국–대한민국") != comparable("중국–몽골")
    assert comparable("中国–越南") != comparable("中国–老挝")
    assert comparable("Trung Quốc–Việt Nam") != comparable("Trung Quoc–Viet Nam")


@pytest.mark.django_db
def test_the_hub_admin_refuses_renaming_a_site_after_another_pair(site_vn, site_id):
    from django.core.exceptions import ValidationError

    from languages.columns import text_in

    vietnam = text_in(site_vn, "name", "zh-hans")
    site_id.name_zh_hans = vietnam.replace("越南", "越\u200b南")  # a zero-width space inside

    with pytest.raises(ValidationError, match="already used by site cn-vn"):
        site_id.full_clean()
    site_id.name_zh_hans = "中国–印度尼西亚 咖啡合作"
    site_id.full_clean()


@pytest.mark.django_db
def test_a_site_whose_saved_name_clashes_can_still_be_edited(site_vn, site_id):
    """Names saved before a rule was added: the site's officials can still
    change its other settings (or archive it); only a name typed now is checked."""
    from django.core.exceptions import ValidationError

    from tenants.models import Site

    vietnam = site_vn.name_zh_hans
    Site.objects.filter(pk=site_id.pk).update(
        name_zh_hans=vietnam.replace("越南", "越\u200b南"),
        short_name_zh_hans=site_vn.short_name_zh_hans.replace("越南", "越\u3164南"),
    )
    site_id.refresh_from_db()

    site_id.response_days = 7
    site_id.full_clean()
    site_id.name_zh_hans = vietnam
    with pytest.raises(ValidationError, match="already used by site cn-vn"):
        site_id.full_clean()

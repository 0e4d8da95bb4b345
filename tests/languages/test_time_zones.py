"""Time zones are offered as places (country and city in the reader's
language), canonical names only, a site's countries first."""

import zoneinfo

from django.utils import translation

from languages.time_zones import canonical_name, check_zone, offered_zones, zone_label, zone_options


def _flat(options) -> list[tuple[str, str]]:
    flat = []
    for value, label in options:
        flat.extend(label if isinstance(label, list) else [(value, label)])
    return flat


def test_only_places_and_utc_are_offered_not_aliases():
    offered = offered_zones()
    everything = zoneinfo.available_timezones()

    assert len(everything) > 590  # what the launch form listed
    assert 400 < len(offered) < 460
    for raw in ("US/Pacific", "Asia/Saigon", "Etc/GMT+5", "EST5EDT", "Factory", "localtime", "GMT"):
        assert raw in everything or raw == "localtime"
        assert raw not in offered, raw
    for canonical in (
        "Asia/Ho_Chi_Minh",
        "America/Los_Angeles",
        "Asia/Kolkata",
        "Europe/Kyiv",
        "UTC",
    ):
        assert canonical in offered, canonical
    assert offered <= everything


def test_an_alias_names_its_canonical_zone():
    assert canonical_name("Asia/Saigon") == "Asia/Ho_Chi_Minh"
    assert canonical_name("Etc/UTC") == "UTC"
    assert canonical_name("Etc/GMT+5") is None
    assert check_zone("Asia/Seoul") is None and check_zone("UTC") is None
    assert "use Asia/Kolkata" in check_zone("Asia/Calcutta")


def test_a_zone_is_named_by_its_country_and_city_in_the_readers_language():
    assert zone_label("Asia/Ho_Chi_Minh", "vi") == "Việt Nam — TP Hồ Chí Minh"
    assert zone_label("Asia/Shanghai", "zh-hans") == "中国 — 上海"
    assert zone_label("America/Los_Angeles", "fr") == "États-Unis — Los Angeles"
    assert zone_label("UTC", "de") == "Koordinierte Weltzeit"


def test_the_pairs_zones_come_first_then_utc_then_the_rest_grouped():
    with translation.override("en"):
        options = zone_options("en", ["CN", "VN"])

    assert options[0] == ("", "—")
    assert [value for value, _label in options[1:4]] == [
        "Asia/Shanghai", "Asia/Urumqi", "Asia/Ho_Chi_Minh",
    ]  # fmt: skip
    assert options[1][1] == "China — Shanghai (Asia/Shanghai)"
    assert options[4][0] == "UTC"
    group, rest = options[5]
    assert group == "Other countries and regions"
    values = [value for value, _label in rest]
    assert "Asia/Seoul" in values and "Asia/Shanghai" not in values
    assert len(_flat(options)) == len(offered_zones()) + 1  # each once, and "—"


def test_without_a_pair_the_list_is_sorted_by_country_in_the_readers_language():
    labels = [label for _value, label in _flat(zone_options("vi"))[2:]]

    # Vietnamese order: "Ấn Độ" (India) sorts with A, before "Bỉ" (Belgium).
    assert labels.index("Ấn Độ — Kolkata (Asia/Kolkata)") < labels.index(
        "Bỉ — Brussels (Europe/Brussels)"
    )


def test_an_old_value_is_kept_so_an_old_row_still_opens():
    options = zone_options("en", ["VN"], current="Asia/Saigon")

    assert ("Asia/Saigon", "Asia/Saigon") in options
    assert ("Asia/Ho_Chi_Minh", "Asia/Ho_Chi_Minh") not in options

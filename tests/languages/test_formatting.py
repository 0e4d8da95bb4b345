import datetime

import pytest

from languages.formatting import country_name, flag, format_date, format_datetime, format_money
from languages.registry import SUPPORTED_CODES, get_language

LAUNCH = datetime.date(2006, 11, 16)


@pytest.mark.parametrize(
    ("language", "vietnam", "date"),
    [
        ("vi", "Việt Nam", "16 tháng 11, 2006"),
        ("id", "Vietnam", "16 November 2006"),
        ("zh-hans", "越南", "2006年11月16日"),
        ("ko", "베트남", "2006년 11월 16일"),
        ("ar", "فيتنام", "16 نوفمبر 2006"),
    ],
)
def test_country_names_and_long_dates_per_locale(language, vietnam, date):
    assert country_name("VN", language) == vietnam
    assert format_date(LAUNCH, language) == date


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        (1250000, "VND", "vi", "1.250.000\xa0₫"),
        (1250000, "IDR", "id", "Rp1.250.000,00"),
        (1250000, "CNY", "zh-hans", "¥1,250,000.00"),
        (1250000, "KRW", "ko", "₩1,250,000"),
    ],
)
def test_money_per_locale(amount, currency, language, expected):
    assert format_money(amount, currency, language) == expected


def test_datetime_in_site_time_zone():
    instant = datetime.datetime(2006, 11, 16, 2, 0, tzinfo=datetime.UTC)

    assert (
        format_datetime(instant, "en", "Asia/Ho_Chi_Minh", format="short")
        == "11/16/06, 9:00\u202fAM"
    )
    assert (
        format_datetime(instant, "en", "Asia/Shanghai", format="short") == "11/16/06, 10:00\u202fAM"
    )


def test_flag_from_region_code():
    assert flag("vn") == "\U0001f1fb\U0001f1f3"
    assert flag("123") == ""


def test_every_supported_language_has_a_native_name_and_direction():
    for code in SUPPORTED_CODES:
        language = get_language(code)
        assert language.native_name and language.native_name != ""
    assert get_language("ar").direction == "rtl"
    assert get_language("vi").native_name == "Tiếng Việt"
    assert get_language("km").native_name == "ខ្មែរ"

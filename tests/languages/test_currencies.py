"""Currencies are offered as money in use today, named in the reader's
language, a site's countries' first."""

import datetime

from babel.numbers import list_currencies
from django.utils import translation

from languages.currencies import (
    check_currency,
    country_currencies,
    currency_options,
    current_currencies,
)


def test_only_legal_tender_is_offered():
    current = current_currencies()

    assert len(list_currencies()) > 290  # what the launch form listed
    assert 140 < len(current) < 170
    for gone in ("XTS", "XXX", "DEM", "FRF", "ADP", "XDR", "CLF", "USN", "VNN"):
        assert gone not in current, gone
    for used in ("VND", "CNY", "IDR", "KRW", "THB", "EUR", "USD", "XOF"):
        assert used in current, used
    assert check_currency("krw") is None
    assert "not legal tender" in check_currency("DEM")


def test_a_day_in_the_past_knew_other_money():
    assert "DEM" in current_currencies(datetime.date(1990, 6, 1))
    assert country_currencies("DE", datetime.date(1990, 6, 1)) == ("DEM",)


def test_the_pairs_currencies_come_first_named_in_the_readers_language():
    with translation.override("vi"):
        options = currency_options("vi", ["CN", "VN"])

    assert options[0] == ("", "—")
    assert options[1] == ("CNY", "Nhân dân tệ (CNY)")
    assert options[2] == ("VND", "Đồng Việt Nam (VND)")
    group, rest = options[3]
    assert group == "Tiền tệ khác"
    assert ("KRW", "Won Hàn Quốc (KRW)") in rest
    assert "VND" not in [code for code, _label in rest]

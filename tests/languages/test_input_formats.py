"""Dates typed in the admin are read in the order the reader's language
writes them (CLDR's short date, as Babel gives it), never the other way.

Django has no input formats for Vietnamese, Hindi, Arabic or Japanese and
fell back to its global ones, American first: "05/09/2027" typed by a
Vietnamese editor for 5 September was stored as 9 May, without a word,
and "18/09/2027" was refused as invalid."""

import datetime
import re

import pytest
from babel.dates import get_date_format
from django import forms
from django.utils import translation

from tenants.hub import HUB_LANGUAGES


def written_by_cldr(language: str) -> str:
    """5 September 2027 as the language's short date pattern writes it
    (Babel), with the numbers padded and the year whole: "05/09/2027" in
    Vietnamese, "09/05/2027" in English, "2027. 09. 05." in Korean."""
    pattern = get_date_format("short", locale=language.replace("-", "_")).pattern
    pattern = pattern.replace("\u200f", "")  # Arabic's right-to-left marks
    for field, value in (("y", "2027"), ("M", "09"), ("d", "05")):
        pattern = re.sub(f"{field}+", value, pattern)
    return pattern


@pytest.mark.parametrize("language", HUB_LANGUAGES)
def test_a_date_written_as_the_language_writes_it_is_that_day(language):
    with translation.override(language):
        assert forms.DateField().clean(written_by_cldr(language)) == datetime.date(2027, 9, 5)


@pytest.mark.parametrize(
    ("language", "typed", "day"),
    [
        ("vi", "05/09/2027", datetime.date(2027, 9, 5)),
        ("vi", "18/09/2027", datetime.date(2027, 9, 18)),
        ("hi", "05/09/2027", datetime.date(2027, 9, 5)),
        ("ar", "05/09/2027", datetime.date(2027, 9, 5)),
        ("ja", "2027/09/05", datetime.date(2027, 9, 5)),
        ("vi", "2027-09-05", datetime.date(2027, 9, 5)),
    ],
)
def test_a_typed_date_is_the_day_its_reader_meant(language, typed, day):
    with translation.override(language):
        assert forms.DateField().clean(typed) == day

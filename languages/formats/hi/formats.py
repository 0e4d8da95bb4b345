"""Dates in Hindi are written day first (05/09/2027 is 5 September)."""

from languages.formats.day_first import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS"]

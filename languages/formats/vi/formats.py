"""Vietnamese dates are written day first (05/09/2027 is 5 September), also
with dots (05.09.2027)."""

from languages.formats import day_first

DATE_INPUT_FORMATS = [*day_first.DATE_INPUT_FORMATS[:-1], "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = day_first.DATETIME_INPUT_FORMATS

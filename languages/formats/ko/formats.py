"""Korean dates are written year first (2027. 09. 05.); Django's own Korean
module also reads the American month-first form, which no Korean writes.
ISO stays first: the admin's calendar writes the first format, and its
script splits dates only at ".", "-" and "/" (not ". ")."""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y. %m. %d.", "%Y.%m.%d", "%Y/%m/%d", "%Y년 %m월 %d일"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y. %m. %d. %H:%M:%S",
    "%Y. %m. %d. %H:%M",
    "%Y. %m. %d.",
]

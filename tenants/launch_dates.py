"""The launch dates an official may give a site: the one rule, for every way in.

The hub's launch form, ``provision_site --launched-on`` (and a site file's
``launched_on``), ``launch_site --on``, the site's own launch page and the
hub admin's site form all ask :func:`launch_date_problem` (the model field
carries :func:`validate_launch_date`), so a date is refused in the same words
wherever it is typed.

Why these bounds: a date in the past records when a site opened before it
came here (the demo's China–Vietnam and China–Indonesia portals opened in
2006), so it may lie decades back, but not before anyone could have opened
one: 1900-01-01 (a date picker's first year) or 0001 are typing slips. A date
ahead schedules the opening; two years covers a launch timed for a fair or a
summit planned that far out, while 9999 is no plan at all. Both bounds move
with today, so the rule never needs a new release.

The same kind of rule with other bounds serves event starts and article
publication dates: :class:`DateWindow`, one concept for all three.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from languages.formatting import format_date

YEARS_BACK = 40
YEARS_AHEAD = 2


def years_from(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved ``years`` years (28 February for a 29th in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year without one
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DateWindow:
    """Dates people type, allowed from ``years_back`` years before today to
    ``years_ahead`` after: the one rule for launch dates, event starts
    (``events.models.event``) and article publication dates
    (``cooperation.models.article``), each with its own bounds and words.

    Far dates are slips of a date picker (1900-01-01, 9999-12-31), and a
    date before about 1910 is read in the place's local mean time by the
    time zone database (Seoul's +08:27:52), which shows as nonsense hours.
    The bounds move with today, so the rule never needs a new release."""

    years_back: int
    years_ahead: int
    #: The refusal, with ``%(first)s`` and ``%(last)s``.
    message: Promise

    def range(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        """The first and last date allowed on ``today`` (the current time zone's)."""
        today = today or timezone.localdate()
        return years_from(today, -self.years_back), years_from(today, self.years_ahead)

    def problem(self, day: datetime.date | None, today: datetime.date | None = None) -> str:
        """Why ``day`` is refused, in the active language; "" when it is allowed
        (no date at all is for the caller to judge)."""
        if day is None:
            return ""
        first, last = self.range(today)
        if first <= day <= last:
            return ""
        language = translation.get_language() or "en"
        return str(self.message) % {
            "first": format_date(first, language),
            "last": format_date(last, language),
        }


LAUNCH_DATES = DateWindow(
    YEARS_BACK,
    YEARS_AHEAD,
    gettext_lazy("Choose a launch date between %(first)s and %(last)s."),
)


def launch_date_range(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last launch date allowed on ``today`` (the hub's day)."""
    return LAUNCH_DATES.range(today)


def launch_date_problem(day: datetime.date | None, today: datetime.date | None = None) -> str:
    """Why ``day`` cannot be a launch date, in the active language; "" when it can
    (no date at all is fine: the site stays a draft until launched by hand)."""
    return LAUNCH_DATES.problem(day, today)


def validate_launch_date(day: datetime.date | None) -> None:
    """The rule as a form or model field validator."""
    problem = launch_date_problem(day)
    if problem:
        raise ValidationError(problem, code="launch_date")

"""An event starts within thirty years back and ten ahead of today.

A Hindi walk saved an event on 1900-01-01 through the admin: it was
published, took the real event's address and read "10:21" for 09:00 (Seoul's
offset in 1900).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events.models import Event


def _starting(days: int) -> Event:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))


@pytest.mark.parametrize("days", [-366 * 31, 366 * 11])
def test_a_start_too_far_back_or_ahead_is_refused_in_the_editors_language(days):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        _starting(days).clean()

    (message,) = refused.value.message_dict["starts_at"]
    assert message.startswith("Hãy chọn thời điểm bắt đầu trong khoảng")


@pytest.mark.parametrize("days", [-365 * 20, -1, 1, 365 * 9])
def test_a_start_within_the_range_is_taken(days):
    _starting(days).clean()

"""{% event_when %} is remembered per instant, zone and language: the same
text as written afresh, never another event's or another reader's."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from events.models import Event
from events.templatetags.events_tags import _event_when, event_when
from languages.formatting import format_range, zone_name

PARIS = ZoneInfo("Europe/Paris")


def _event(**fields) -> Event:
    starts = fields.pop("starts", datetime.datetime(2027, 3, 9, 9, 30, tzinfo=PARIS))
    return Event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), **fields)


def test_the_remembered_text_is_the_text_written_afresh():
    _event_when.cache_clear()
    abroad = _event(time_zone="Europe/Paris")
    with timezone.override("Asia/Ho_Chi_Minh"), translation.override("vi"):
        first, again = event_when(abroad), event_when(abroad)
    here = format_range(abroad.starts_at, abroad.ends_at, "vi", "Asia/Ho_Chi_Minh")
    there = format_range(abroad.starts_at, abroad.ends_at, "vi", "Europe/Paris")
    assert (
        first
        == again
        == (
            f"{here} · {zone_name('Asia/Ho_Chi_Minh', 'vi')} / {there} · {zone_name('Europe/Paris', 'vi')}"
        )
    )
    assert _event_when.cache_info().hits == 1


def test_another_reader_zone_or_event_gets_its_own_text():
    abroad, home = _event(time_zone="Europe/Paris"), _event(time_zone="Asia/Ho_Chi_Minh")
    later = _event(
        time_zone="Europe/Paris", starts=datetime.datetime(2027, 3, 10, 9, 30, tzinfo=PARIS)
    )
    with timezone.override("Asia/Ho_Chi_Minh"):
        with translation.override("vi"):
            vi = event_when(abroad)
            assert " / " not in event_when(home)  # its zone is the site's
            assert event_when(later) != vi
        with translation.override("en"):
            assert event_when(abroad) != vi
    with timezone.override("Europe/Paris"), translation.override("vi"):
        assert event_when(abroad) != vi and " / " not in event_when(abroad)


def test_an_all_day_event_reads_its_own_days():
    # 23:00 in Paris is the next day in Ho Chi Minh City: the event's own day counts.
    late = _event(
        time_zone="Europe/Paris",
        all_day=True,
        starts=datetime.datetime(2027, 3, 9, 23, 0, tzinfo=PARIS),
    )
    with timezone.override("Asia/Ho_Chi_Minh"), translation.override("en"):
        assert event_when(late) == format_range(
            datetime.date(2027, 3, 9), datetime.date(2027, 3, 10), "en"
        )


def test_the_two_instants_of_a_repeated_hour_get_their_own_texts():
    # 02:30 on 31 October 2027 happens twice in Paris (fold 0 in summer time,
    # fold 1 an hour later): equal as keys of one zone, two instants to a reader.
    _event_when.cache_clear()
    summer = _event(
        time_zone="Asia/Ho_Chi_Minh", starts=datetime.datetime(2027, 10, 31, 2, 30, tzinfo=PARIS)
    )
    winter = _event(
        time_zone="Asia/Ho_Chi_Minh",
        starts=datetime.datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=PARIS),
    )
    with timezone.override("Europe/Paris"), translation.override("en"):
        first, second = event_when(summer), event_when(winter)
    there = format_range(winter.starts_at, winter.ends_at, "en", "Asia/Ho_Chi_Minh")
    assert first != second and there in second

import datetime
import itertools
from zoneinfo import ZoneInfo

from modeltranslation.utils import build_localized_fieldname

from events.models import Event

_sequence = itertools.count(1)


def make_event(
    *,
    starts: datetime.datetime | None = None,
    hours: float = 3,
    titles: dict[str, str] | None = None,
    venue: dict[str, str] | None = None,
    **fields,
) -> Event:
    """An event in the current schema, by default a week from now in Shanghai time."""
    number = next(_sequence)
    zone = fields.pop("time_zone", "Asia/Shanghai")
    if starts is None:
        starts = datetime.datetime.now(ZoneInfo(zone)).replace(
            minute=0, second=0, microsecond=0
        ) + datetime.timedelta(days=7)
    event = Event(
        slug=fields.pop("slug", f"event-{number}"),
        starts_at=starts,
        ends_at=fields.pop("ends_at", starts + datetime.timedelta(hours=hours)),
        time_zone=zone,
        **fields,
    )
    for language, title in (titles or {"en": f"Event {number}"}).items():
        setattr(event, build_localized_fieldname("title", language), title)
    for language, text in (venue or {}).items():
        setattr(event, build_localized_fieldname("venue", language), text)
    event.save()
    return event

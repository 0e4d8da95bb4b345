"""Demo calendar of the demo sites: joint commissions, the China–ASEAN Expo,
online matchmaking fairs, forums, webinars and delegation visits.

The texts live in ``events/demo_data/`` (``shared/events.toml``: the
region-wide events; one folder per demo site), written for this project in
each site's languages; this module places them and turns them into rows.

Past events of public record keep their real dates (the 2006 joint
commission). Every other date is placed relative to the day the demo is
loaded (``today``, or ``expo``: the coming China–ASEAN Expo, or ``committee``:
the China–Vietnam joint committee, see below), so a demo loaded on any day has
a running online fair, a webinar, forums and the coming Expo ahead of it, and
past events behind it. Loading again on a later day adds nothing twice; a demo
event that has ended by then moves to the dates it would get that day (see
``load_demo_events``).
"""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from events.models import Event, Speaker
from events.services import cohosting, coordination
from languages.columns import set_text
from search.registry import index_objects
from tenants.models import Site
from tenants.services.demo_data import moment, shared_file, site_file
from translations.services.translation_status import record_new_translations

DATA = Path(__file__).resolve().parent
# The Expo opens in Nanning in the third week of September every year.
EXPO_MONTH, EXPO_DAY, EXPO_DAYS = 9, 17, 4
TRANSLATED = ("title", "summary", "description", "venue", "address")
# Written as they are in the data files, copied as they are.
PLAIN = (
    "slug",
    "kind",
    "time_zone",
    "online_url",
    "online_url_is_public",
    "capacity",
    "recurrence",
    "organisers",
    "partners",
)


def next_expo_opening(today: datetime.date) -> datetime.date:
    """The opening day of the China–ASEAN Expo that is on or still to come."""
    opening = datetime.date(today.year, EXPO_MONTH, EXPO_DAY)
    if today >= opening + datetime.timedelta(days=EXPO_DAYS):
        opening = opening.replace(year=today.year + 1)
    return opening


def _joint_committee_day(today: datetime.date, expo: datetime.date) -> datetime.date:
    # About four months ahead, and never in the Expo's week: two major events
    # of one site on the same days would show as a clash in the coordination
    # calendar, and whether they did would depend on the day the demo is loaded.
    day = today + datetime.timedelta(days=130)
    if abs((day - expo).days) < 14:
        day += datetime.timedelta(days=28)
    return day


def anchors(today: datetime.date) -> dict[str, datetime.date]:
    expo = next_expo_opening(today)
    return {"today": today, "expo": expo, "committee": _joint_committee_day(today, expo)}


def _spec(item: dict, days: dict[str, datetime.date]) -> dict:
    zone = item["time_zone"]
    spec = {name: item[name] for name in PLAIN if name in item}
    if "first_day" in item:  # all day, from the first day to the last, in the event's zone
        spec["starts_at"] = moment(item["first_day"] + " 00:00", days, zone)
        spec["ends_at"] = moment(item["last_day"] + " 23:59", days, zone)
        spec["all_day"] = True
    else:
        spec["starts_at"] = moment(item["starts"], days, zone)
        spec["ends_at"] = moment(item["ends"], days, zone)
    spec["cohost_codes"] = list(item.get("cohosts", []))
    spec["speakers"] = [tuple(speaker) for speaker in item.get("speakers", [])]
    for name in TRANSLATED:
        texts = {
            lang: item[lang][name].strip()
            for lang in item
            if isinstance(item[lang], dict) and item[lang].get(name)
        }
        if texts:
            spec[name] = texts
    return spec


def event_specs(site: Site, today: datetime.date) -> list[dict]:
    """The demo events of ``site`` as they are placed when loaded on ``today``.

    The region-wide events (``shared/events.toml``) belong to every site,
    unless the site's own file says they are run from another demo site
    (``shared = false``, China–Indonesia: China–Vietnam runs them) or which
    sites co-host them (``shared_cohosts``).
    """
    days = anchors(today)
    own = site_file(DATA, site.code, "events")
    specs = []
    if own.get("shared", True):
        for item in shared_file(DATA, "events").get("event", []):
            spec = _spec(item, days)
            spec["cohost_codes"] += own.get("shared_cohosts", [])
            specs.append(spec)
    specs += [_spec(item, days) for item in own.get("event", [])]
    return specs


TRANSLATED = ("title", "summary", "venue")


def load_demo_events(site: Site) -> str:
    """Create the demo events this site lacks, dated from the site's today.

    A demo event that exists is left alone, unless it has ended while its
    date for today is still ahead (a demo loaded last year, loaded again):
    then it moves to that date, keeping its identity, so calendars that
    subscribed see it rescheduled. Past and historical events never move.
    """
    now = timezone.now()
    today = now.astimezone(ZoneInfo(site.time_zone)).date()
    new, speakers, moved = [], {}, 0
    for spec in event_specs(site, today):
        spec = dict(spec)
        texts = {name: spec.pop(name, {}) for name in TRANSLATED}
        event_speakers = spec.pop("speakers", [])
        existing = _existing(spec["slug"], texts["title"]["en"])
        if existing is not None:
            if existing.ends_at < now < spec["ends_at"]:
                existing.starts_at, existing.ends_at = spec["starts_at"], spec["ends_at"]
                existing.save(update_fields=["starts_at", "ends_at"])
                moved += 1
            continue
        event = Event(**spec)
        languages = cohosting.languages_for(site, event.cohost_codes)
        for name, by_language in texts.items():
            for language, text in by_language.items():
                if language in languages:
                    set_text(event, name, language, text)
        new.append(event)
        speakers[event.slug] = [
            (name, _organisation_columns(organisation, languages))
            for name, organisation in event_speakers
        ]
    _create(new, speakers, site)
    parts = [f"{len(new)} events" if new else "", f"{moved} events moved ahead" if moved else ""]
    return ", ".join(part for part in parts if part)


def _organisation_columns(organisation: str | dict[str, str], languages: list[str]) -> dict:
    """A demo speaker's organisation by column, in the event's languages: a
    table of languages, or one name, written in English."""
    names = organisation if isinstance(organisation, dict) else {"en": organisation}
    return {
        build_localized_fieldname("organisation", language): text
        for language, text in names.items()
        if language in languages
    }


def _create(events: list[Event], speakers: dict[str, list[tuple[str, dict]]], site: Site) -> None:
    """Insert the new events at once, then do what saving each would have done
    through signals (events.signals, search, translations): a few statements
    for all of them instead of some thirty for each."""
    Event.objects.bulk_create(events)
    Through = Event.speakers.through
    links = []
    for event in events:
        for name, organisation in speakers[event.slug]:
            speaker, _created = Speaker.objects.get_or_create(
                name=name, origin_code="", **organisation
            )
            links.append(Through(event_id=event.pk, speaker_id=speaker.pk))
    Through.objects.bulk_create(links)
    for event in events:
        coordination.index_event(event, site)
        if event.cohost_codes:  # the copies are saved one by one, with their signals
            cohosting.sync_copies(event, site)
    index_objects(events, site)
    record_new_translations(events, site=site)


def _existing(slug: str, english_title: str) -> Event | None:
    # This site's own event (not a co-host's copy), by slug, or by its English
    # title for demos loaded when the slugs still carried a year.
    return (
        Event.objects.filter(origin_code="")
        .filter(Q(slug=slug) | Q(title_en=english_title))
        .order_by("pk")
        .first()
    )

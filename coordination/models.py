"""The hub's coordination calendar: every site's events indexed in the public
schema, and the clashes between them, so the hub reads one table instead of
visiting every site's schema."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.gin import short_gin_index
from tenants.models import Site
from translations.fallback import fallback_chain


class EntryTexts:
    """An entry's title and venue in a reader's language, for the model and
    for the lighter rows the calendar reads (``index.ShownEntry``): either
    has ``site``, ``slug``, ``titles`` and ``venues``."""

    __slots__ = ()

    def title(self, language: str) -> str:
        return self._in_language(self.titles, language) or self.slug

    def venue(self, language: str) -> str:
        return self._in_language(self.venues, language)

    def _in_language(self, texts: dict[str, str], language: str) -> str:
        """The text along the site's own fallback order (``fallback_chain``:
        the reader's language, English where the site offers it, the site's
        default, its other languages), else any. Only as a last resort:
        jsonb keeps keys shortest first, so "any" was a translation ("de")
        before the original ("zh-hans")."""
        for code in fallback_chain(self.site, language):
            if text := texts.get(code):
                return text
        return next(iter(texts.values()), "")


class CalendarEntry(EntryTexts, models.Model):
    """One event of one site, indexed in the public schema for the hub's
    coordination calendar. Written through ``coordination.index`` whenever an
    event changes; ``rebuild_calendar_index`` recreates it from the sites."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="calendar_entries")
    event_id = models.BigIntegerField()
    event_uid = models.UUIDField()
    slug = models.SlugField(max_length=120)
    titles = models.JSONField(default=dict)  # language → title
    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=10)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64)
    all_day = models.BooleanField(default=False)
    venues = models.JSONField(default=dict)  # language → venue
    organisers = ArrayField(models.CharField(max_length=200), default=list)
    speakers = ArrayField(models.CharField(max_length=200), default=list)
    # What two overlapping events must not share, as "venue:<normalised name>",
    # "organiser:…", "speaker:…", and "major:<site id>" for a major event.
    clash_keys = ArrayField(models.CharField(max_length=320), default=list)
    url_path = models.CharField(max_length=300)
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()
    # A co-hosted event's copy on a partner site (the origin holds the event).
    is_copy = models.BooleanField(default=False)
    # The event this one is part of (a pavilion at the Expo), from
    # ProgrammeLink: events of one programme do not clash with each other.
    programme_uid = models.UUIDField(null=True, blank=True)
    # A copy's origin site (null for an origin, or when that site is gone):
    # the calendar shows a copy only when its origin's site is not listed,
    # read from the row instead of looking for the origin's entry.
    origin_site_id = models.BigIntegerField(null=True, blank=True)
    # Longer than ``index.LONG_SPAN``: its days are not stored as
    # ``CalendarDay`` rows (an event of years would write hundreds); the grid
    # reads these few entries through their own partial index.
    long_span = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        permissions = [("coordinate", _("Can use the coordination calendar"))]
        constraints = [
            models.UniqueConstraint(fields=["site", "event_id"], name="one_entry_per_site_event")
        ]
        indexes = [
            models.Index(fields=["starts_at", "ends_at"], name="calendar_entry_period"),
            short_gin_index(fields=["clash_keys"], name="calendar_entry_clash_keys"),
            # Co-hosts of a page of events, the events of a page of clashes,
            # programme links: looked up by uid (69 ms as a scan of 100,000
            # entries at 200 sites × 500 events, bench/coordination.py).
            models.Index(fields=["event_uid"], name="calendar_entry_event_uid"),
            models.Index(
                fields=["starts_at", "ends_at"],
                condition=models.Q(long_span=True),
                name="calendar_entry_long",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site_id}:{self.slug}"


class CalendarDay(models.Model):
    """One local day of one entry (as the event's own place counts its days),
    with what the month grid sorts and filters by, so a grid is read from one
    index (day, then order) without the entries' wide rows. Written with the
    entry by ``coordination.index.store_days``; entries longer than
    ``index.LONG_SPAN`` have none (see ``CalendarEntry.long_span``)."""

    entry = models.ForeignKey(CalendarEntry, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    starts_at = models.DateTimeField()
    site_id = models.BigIntegerField()
    event_id = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    is_copy = models.BooleanField(default=False)
    origin_site_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            # The grid's order within a day, and everything it filters on,
            # in the index: counting a month is an index-only scan.
            models.Index(
                fields=["day", "starts_at", "site_id", "event_id"],
                include=["entry", "kind", "is_copy", "origin_site_id"],
                name="calendar_day_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}@{self.day}"


class ClashCase(models.Model):
    """Two events that clash, as coordinators follow it up: one per pair of
    events (copies of a co-hosted event are one event), whatever the reasons,
    kept while the clash itself is recomputed on every write."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RESOLVED = "resolved", _("Resolved")

    low_uid = models.UUIDField()
    high_uid = models.UUIDField()
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("found"))
    updated_at = models.DateTimeField(_("last change"))

    class Meta:
        verbose_name = _("clash")
        verbose_name_plural = _("clashes")
        constraints = [
            models.UniqueConstraint(fields=["low_uid", "high_uid"], name="one_case_per_event_pair")
        ]
        # The feed reads the cases of its events from either side: the
        # constraint's index serves low_uid, this one high_uid.
        indexes = [models.Index(fields=["high_uid"], name="clash_case_high_uid")]

    def __str__(self) -> str:
        return f"{self.low_uid}~{self.high_uid}"


class ClashNote(models.Model):
    """What someone did about a clash, and when: a coordinator acknowledging,
    resolving or reopening it, marking one event part of the other, or an
    editor of one of the sites commenting."""

    class Action(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", _("acknowledged the clash")
        RESOLVED = "resolved", _("resolved the clash")
        REOPENED = "reopened", _("reopened the clash")
        COMMENTED = "commented", _("commented")
        PROGRAMME = "programme", _("marked one event as part of the other")

    case = models.ForeignKey(ClashCase, on_delete=models.CASCADE, related_name="notes")
    action = models.CharField(max_length=12, choices=Action.choices)
    note = models.TextField(blank=True)
    author_name = models.CharField(max_length=200)
    author_email = models.EmailField(blank=True)
    #: The site the author works for; empty for the hub's coordinators.
    author_site = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.action}"


class ProgrammeLink(models.Model):
    """An event that is part of another (a pavilion at the Expo, a side forum
    of a fair): they do not clash. Kept by event uid, so it holds for every
    copy of a co-hosted event and survives a rebuild of the index."""

    part_uid = models.UUIDField(unique=True)
    whole_uid = models.UUIDField(db_index=True)
    note = models.TextField(blank=True)
    author_name = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.part_uid}<{self.whole_uid}"


class CalendarClash(models.Model):
    """Two overlapping entries that share a venue, speaker or organiser, or are
    major events of one site. Kept current with the entries, so the hub reads
    clashes instead of computing them on every page view."""

    first = models.ForeignKey(CalendarEntry, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(CalendarEntry, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10)  # venue, organiser, speaker, major
    key = models.CharField(max_length=310)  # the normalised shared name, or the site id
    # Copied from the two entries so a page reads clashes without joins: when
    # they overlap, which sites they are on, and which events (a co-hosted
    # event's copies are one event, so pairs are counted by uid).
    overlap_start = models.DateTimeField()
    overlap_end = models.DateTimeField()
    first_site_id = models.BigIntegerField()
    second_site_id = models.BigIntegerField()
    low_uid = models.UUIDField()
    high_uid = models.UUIDField()
    case = models.ForeignKey(ClashCase, on_delete=models.CASCADE, null=True, related_name="clashes")
    # The case's status is open or acknowledged: copied from the case so the
    # calendar counts a month's open clashes without joining 8,000 rows to
    # their cases (3.3 → 1.9 ms of the calendar page at 200 sites × 500
    # events, bench/coordination.py). Written with the row by CLASH_SQL and
    # in the same statement as every change of the case's status
    # (``index.set_case_status``). The database's default serves the workers
    # of the release before, between the migration and their reload: their
    # rows (of cases they just made, mostly) read as open, never fail.
    case_open = models.BooleanField(default=True, db_default=True)
    # The two entries' kinds, copied as their sites are: a calendar filtered
    # by type counted its clashes by joining the window's 8,020 clash rows to
    # both their entries (21 ms at 200 sites × 500 events). Written with the
    # row by CLASH_SQL (an entry's write refreshes its clashes); the default
    # serves the previous release's workers until their reload.
    first_kind = models.CharField(max_length=20, default="", db_default="")
    second_kind = models.CharField(max_length=20, default="", db_default="")

    class Meta:
        indexes = [
            models.Index(fields=["overlap_start", "overlap_end"], name="calendar_clash_period"),
            # Which events of a calendar page clash: looked up by uid (the
            # window's 8,000 stored clashes were scanned whole for 101 events,
            # 2.1 ms at 200 sites × 500 events; bench/coordination.py).
            models.Index(fields=["low_uid"], name="calendar_clash_low_uid"),
            models.Index(fields=["high_uid"], name="calendar_clash_high_uid"),
            # The calendar's count of a window's open clashes, from the index
            # alone; and the longest stored overlap, read from its own index,
            # which bounds how long before a window its clashes began
            # (``index.clash_earliest``; the entries' bound read three months
            # of clashes more). With both, counting September's 9,012 open
            # clash rows among two years' 208,608 took 2.6 ms of the server's
            # CPU instead of 4.7 (bench/coordination.py's clashes copied over
            # two years, medians of 100 runs × 6; the bound alone 4.0, the
            # covering index alone 5.0).
            models.Index(
                fields=["overlap_start"],
                include=[
                    "overlap_end",
                    "case",
                    "first_site_id",
                    "second_site_id",
                    "first_kind",
                    "second_kind",
                ],
                condition=models.Q(case_open=True),
                name="calendar_clash_open_period",
            ),
            models.Index(
                models.F("overlap_end") - models.F("overlap_start"), name="calendar_clash_length"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second", "reason"], name="one_clash_per_pair_and_reason"
            ),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="clash_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}~{self.second_id}:{self.reason}"

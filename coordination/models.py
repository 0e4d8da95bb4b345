"""The hub's coordination calendar: every site's events indexed in the public
schema, and the clashes between them, so the hub reads one table instead of
visiting every site's schema."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Site


class CalendarEntry(models.Model):
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

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        permissions = [("coordinate", _("Can use the coordination calendar"))]
        constraints = [
            models.UniqueConstraint(fields=["site", "event_id"], name="one_entry_per_site_event")
        ]
        indexes = [
            models.Index(fields=["starts_at", "ends_at"], name="calendar_entry_period"),
            GinIndex(fields=["clash_keys"], name="calendar_entry_clash_keys"),
        ]

    def __str__(self) -> str:
        return f"{self.site_id}:{self.slug}"

    def title(self, language: str) -> str:
        return _in_language(self.titles, language) or self.slug

    def venue(self, language: str) -> str:
        return _in_language(self.venues, language)


def _in_language(texts: dict[str, str], language: str) -> str:
    """The text in ``language``, else English, else any: the index has no site chain."""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


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

    class Meta:
        indexes = [
            models.Index(fields=["overlap_start", "overlap_end"], name="calendar_clash_period")
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

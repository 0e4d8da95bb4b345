"""Events of one site's calendar: forums, fairs, joint commissions and the like."""

import datetime
import functools
import uuid
import zoneinfo

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from languages.choices import ChoiceLabels
from tenants.launch_dates import DateWindow
from translations.fallback import current_site_text
from translations.prepared import PreparedGet, PreparedRows, rows_of
from translations.site_columns import in_site_languages
from web.rich_text import clean_columns

# Changing one of these is a change calendar apps must pick up (SEQUENCE),
# and registrants are told of (events.services.changes): a new online link too.
SCHEDULE_FIELDS = (
    "starts_at", "ends_at", "all_day", "time_zone", "status", "recurrence", "online_url",
)  # fmt: skip
# ...and so is a new title or venue, in any language.
TRACKED_TRANSLATED = ("title", "venue")


def tracked_columns() -> tuple[str, ...]:
    from modeltranslation.utils import build_localized_fieldname

    from languages.registry import SUPPORTED_CODES

    return SCHEDULE_FIELDS + tuple(
        build_localized_fieldname(name, code)
        for name in TRACKED_TRANSLATED
        for code in SUPPORTED_CODES
    )


#: What a registrant is told changed, and the columns each reads.
NOTICE_ASPECTS = {
    "title": ("title",),  # in every language
    "time": ("starts_at", "ends_at", "all_day", "time_zone", "recurrence"),
    "status": ("status",),
    "place": ("venue",),  # in every language
    "link": ("online_url",),
}


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone."))


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(is_published=True)

    def upcoming(self, now=None) -> "EventQuerySet":
        return in_site_languages(
            self.published().filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")
        )

    def past(self, now=None) -> "EventQuerySet":
        return in_site_languages(
            self.published().filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")
        )

    def for_page(self) -> "EventQuerySet":
        """Marked ``has_sessions``, ``has_speakers`` and ``confirmed_count``
        (confirmed registrations): an event page asks for its agenda and
        speakers only when it has some, and counts its places in the same
        query. Three queries of their own cost ~3 of the page's 15 ms of
        CPU, most events having no agenda nor speakers to find."""
        return self.annotate(**_page_marks())

    def overlapping(self, start, end) -> "EventQuerySet":
        """Events that are on at some moment of [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)


def _page(slot) -> EventQuerySet:
    """The event page's object: published, marked."""
    events = in_site_languages(Event.objects.published())
    return events.for_page().filter(slug=slot("slug", models.SlugField()))


@functools.cache
def _page_marks() -> dict[str, models.Expression]:
    """EventQuerySet.for_page's expressions, built once: building their three
    querysets through modeltranslation's manager cost ~1.3 ms a page. Django
    copies an expression where a query uses it (as it does Meta.ordering's)."""
    from events.models.registration import Registration

    confirmed = (
        Registration.objects.confirmed()
        .filter(event=models.OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return {
        "has_sessions": models.Exists(AgendaSession.objects.filter(event=models.OuterRef("pk"))),
        "has_speakers": models.Exists(
            Speaker.events.through.objects.filter(event=models.OuterRef("pk"))
        ),
        "confirmed_count": Coalesce(models.Subquery(confirmed), 0),
    }


class Event(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        FORUM = "forum", pgettext_lazy("event kind", "Forum")
        TRADE_FAIR = "trade_fair", pgettext_lazy("event kind", "Trade fair")
        JOINT_COMMISSION = "joint_commission", pgettext_lazy("event kind", "Joint commission")
        EXHIBITION = "exhibition", pgettext_lazy("event kind", "Exhibition")
        WEBINAR = "webinar", pgettext_lazy("event kind", "Webinar")
        ONLINE_FAIR = "online_fair", pgettext_lazy("event kind", "Online matchmaking fair")
        DELEGATION = "delegation", pgettext_lazy("event kind", "Delegation visit")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("event status", "Scheduled")
        POSTPONED = "postponed", pgettext_lazy("event status", "Postponed")
        CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")

    class Recurrence(models.TextChoices):
        NONE = "", _("Does not repeat")
        YEARLY = "yearly", _("Every year")

    # Major kinds: two of them on the same days of one site is a clash.
    MAJOR_KINDS = (Kind.JOINT_COMMISSION, Kind.TRADE_FAIR, Kind.EXHIBITION)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.FORUM)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    # The language it was written in, which translations start from; empty
    # for the site's default language (tests/translations/test_event_source.py).
    language = models.CharField(_("language of the event"), max_length=10, blank=True)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    # A meeting link on a public page lets anyone in: by default it goes
    # only to confirmed participants (tests/events/test_join_link.py).
    online_url_is_public = models.BooleanField(
        _("show the online link to everyone"),
        default=False,
        help_text=_(
            "Otherwise only confirmed participants receive it, with their registration. "
            "Show it for a public livestream."
        ),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    all_day = models.BooleanField(_("all day"), default=False)
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    organisers = ArrayField(
        models.CharField(max_length=200), verbose_name=_("organisers"), default=list, blank=True
    )
    partners = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("partner institutions"),
        default=list,
        blank=True,
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no registration limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    is_published = models.BooleanField(_("published"), default=True)
    # Co-hosting: the origin lists the other sites; each of them holds a
    # read-only copy with the same uid, kept in step by events.services.cohosting.
    cohost_codes = ArrayField(
        models.CharField(max_length=20),
        verbose_name=_("co-hosting sites"),
        default=list,
        blank=True,
    )
    origin_code = models.CharField(_("organising site"), max_length=20, blank=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()
    translation_source_field = "language"
    #: An event is its own first occurrence; a later year's of a yearly one
    #: is a copy marked True (events.services.month.yearly_occurrences).
    is_repeat = False

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["is_published", "ends_at", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return current_site_text(self, "title")

    def save(self, *args, **kwargs) -> None:
        # Descriptions are stored as cleaned HTML (web.rich_text).
        clean_columns(self, "description")
        if self.pk is not None:
            columns = tracked_columns()
            saved = Event.objects.filter(pk=self.pk)
            if transaction.get_connection().in_atomic_block:  # the admin's save
                saved = saved.select_for_update()
            previous = saved.values("sequence", *columns).first()
            if previous and any(previous[f] != getattr(self, f) for f in columns):
                # One more than the saved one, not the one this copy was read
                # with: two officials who opened the event at n make n+1, n+2.
                self.sequence = previous["sequence"] + 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("event_detail", kwargs={"slug": self.slug})

    def notice_state(self) -> dict[str, list | dict[str, str]]:
        """What a registrant knows of the event, by :data:`NOTICE_ASPECTS`
        (kept on their registration as they are told; JSON)."""
        from languages.columns import text_in
        from languages.registry import SUPPORTED_CODES

        def values(name: str) -> list:
            value = getattr(self, name)
            if isinstance(value, datetime.datetime):  # one moment, however it was read
                return [value.astimezone(datetime.UTC).isoformat()]
            return [value]

        def texts(name: str) -> dict[str, str]:
            # By language, so the registrant's own can be read back (a former
            # title) whatever languages the registry holds by then.
            found = {code: text_in(self, name, code) for code in SUPPORTED_CODES}
            return {code: text for code, text in found.items() if text}

        return {
            aspect: texts(names[0])
            if names[0] in TRACKED_TRANSLATED
            else [value for name in names for value in values(name)]
            for aspect, names in NOTICE_ASPECTS.items()
        }

    @property
    def is_copy(self) -> bool:
        return bool(self.origin_code)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_major(self) -> bool:
        return self.kind in self.MAJOR_KINDS

    @property
    def join_link_is_private(self) -> bool:
        """The online link goes only to confirmed participants."""
        return bool(self.online_url) and not self.online_url_is_public

    def _can_send_link(self) -> bool:
        """Someone can receive a private link: registration is open, the
        organising site sends it (a copy), or someone is registered."""
        if self.registration_open or self.is_copy:
            return True
        return self.pk is not None and self.registrations.confirmed().exists()

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})
        problem = start_problem(self.starts_at)
        if problem:
            raise ValidationError({"starts_at": problem})
        if self.online_url and not self.online_url_is_public and not self._can_send_link():
            raise ValidationError(
                {
                    "online_url_is_public": _(
                        "Nobody would receive the online link: registration is closed and "
                        "nobody is registered. Show the link to everyone, or open registration."
                    )
                }
            )
        if self.cohost_codes and not self.is_copy and self.slug:
            from events.services.cohosting import slug_clashes
            from tenants.context import current_site

            clashes = slug_clashes(self, current_site().code)
            if clashes:
                raise ValidationError(
                    {
                        "cohost_codes": _(
                            "%(sites)s already has an event at the address “%(slug)s”: "
                            "change the slug, or co-host with other sites."
                        )
                        % {"sites": ", ".join(clashes), "slug": self.slug}
                    }
                )


#: How far back and ahead an event may start, in years from today. A past
#: event is kept as a record (the demo's go back to 2006's joint commission),
#: but one in 1900 is a slip of the date picker: it was published, took the
#: real event's address and read "10:21" for 09:00 (Seoul's 1900 offset).
EVENT_YEARS_BACK = 30
EVENT_YEARS_AHEAD = 10


EVENT_STARTS = DateWindow(
    EVENT_YEARS_BACK,
    EVENT_YEARS_AHEAD,
    _("Choose a start between %(first)s and %(last)s."),
)


def start_problem(starts_at: datetime.datetime | None) -> str:
    """Why an event cannot start at ``starts_at``, in the active language; "" when it can."""
    return EVENT_STARTS.problem(starts_at.date() if starts_at else None)


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    events = models.ManyToManyField(
        Event, related_name="speakers", blank=True, verbose_name=_("events")
    )
    # A speaker copied with a co-hosted event: which site and row it mirrors.
    # Copies are rows of their own; a site's own speakers are never touched
    # by another site's co-hosting, even with the same name.
    origin_code = models.CharField(_("organising site"), max_length=20, blank=True, editable=False)
    origin_pk = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_copy(self) -> bool:
        return bool(self.origin_code)


class DeclinedCohosting(models.Model):
    """A site that declined another site's invitation to co-host an event:
    its copy is gone and is not made again."""

    uid = models.UUIDField(_("event"), unique=True)
    origin_code = models.CharField(_("organising site"), max_length=20)
    title = models.CharField(_("title"), max_length=250)
    declined_at = models.DateTimeField(_("declined at"), auto_now_add=True)
    declined_by = models.CharField(_("declined by"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("declined co-hosting")
        verbose_name_plural = _("declined co-hostings")
        ordering = ["-declined_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.origin_code})"


class AgendaSession(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = models.ManyToManyField(
        Speaker, blank=True, related_name="sessions", verbose_name=_("speakers")
    )

    class Meta:
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return current_site_text(self, "title")


#: ``EVENT_PAGE.get_or_404(slug=…)``: the page's query, compiled once per
#: site languages (translations.prepared).
EVENT_PAGE = PreparedGet(Event, _page)

#: An event page's agenda and speakers, read only when it has some
#: (EventQuerySet.for_page): ``EVENT_SESSIONS.list(event=pk)``. Compiled once,
#: as the page's own query: through the related managers, building and
#: compiling each cost more than reading it.
EVENT_SESSIONS = rows_of(AgendaSession, "event", "event")
EVENT_SPEAKERS = rows_of(Speaker, "events", "event")


def _first_after(field: str) -> PreparedRows:
    """The published events' first ``field`` after the moment given as "now"."""
    return PreparedRows(
        Event,
        lambda given: (
            Event.objects.published()
            .filter(**{f"{field}__gt": given("now", models.DateTimeField())})
            .order_by(field)
            .values_list(field, named=True)
        ),
    )


_NEXT_START, _NEXT_END = _first_after("starts_at"), _first_after("ends_at")


def next_change(now: datetime.datetime) -> datetime.datetime | None:
    """The next start or end of a published event after ``now``: when lists
    of upcoming and past events change by themselves (a site's scheduled
    change, web.page_cache). Two queries compiled once per process, as the
    first page after every write to the site asks it."""
    rows = [prepared.bind(now=now).first() for prepared in (_NEXT_START, _NEXT_END)]
    return min((row[0] for row in rows if row is not None), default=None)

"""Co-hosted events: edited once on the origin site, shown on each co-host.

Each co-hosting site holds a read-only copy (same ``uid``) in its own schema,
so its calendar, feeds and search stay single-schema queries. Copies carry
every translation; each site shows the languages it offers.
"""

import logging
from dataclasses import dataclass
from operator import itemgetter

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation
from django_tenants.utils import schema_context
from modeltranslation.translator import translator

from languages.collation import sorted_by
from tenants.addresses import site_url
from tenants.models import Site
from tenants.naming import name_in

logger = logging.getLogger(__name__)

COPIED_FIELDS = (
    "slug", "kind", "online_url", "online_url_is_public", "starts_at", "ends_at", "time_zone",
    "all_day", "recurrence", "organisers", "partners", "capacity", "registration_open", "status",
    "is_published", "language",
)  # fmt: skip


def _translated_columns(model) -> list[str]:
    options = translator.get_options_for_model(model)
    return [column.name for fields in options.all_fields.values() for column in fields]


def sync_copies(event, origin: Site, *, previous_cohosts: list[str] = ()) -> None:
    """Bring the copies on the co-hosting sites in line with ``event``, and
    remove them from sites that no longer co-host it.

    Only rows that are copies of this event are written on a co-host: its own
    events and speakers are never touched. A co-host that declined the event,
    or already has an event of its own at the same address (the origin's
    form refuses that, see :func:`slug_clashes`; this is the guard for one
    made since), gets no copy.
    """
    from events.models import Event

    values = {name: getattr(event, name) for name in COPIED_FIELDS}
    values.update({name: getattr(event, name) for name in _translated_columns(Event)})
    speakers = list(event.speakers.all()) if event.pk else []
    hosts = Site.objects.active().filter(code__in=event.cohost_codes).exclude(pk=origin.pk)
    with transaction.atomic():
        for host in hosts:
            with schema_context(host.schema_name):
                if _declined(event.uid) or _clashing_slug(event):
                    continue
                copy = Event.objects.filter(uid=event.uid).first()
                if copy is not None and copy.origin_code != origin.code:
                    logger.warning(
                        "%s holds its own event %s: not overwritten by %s", host.code, event.uid,
                        origin.code,
                    )  # fmt: skip
                    continue
                defaults = {**values, "origin_code": origin.code, "cohost_codes": []}
                if copy is None:
                    copy = Event.objects.create(uid=event.uid, **defaults)
                else:
                    for name, value in defaults.items():
                        setattr(copy, name, value)
                    copy.save()
                _copy_speakers(copy, speakers, origin)
        dropped = set(previous_cohosts) - set(event.cohost_codes) - {origin.code}
        for former in Site.objects.real().filter(code__in=dropped):
            _delete_copy(former, event.uid)


def slug_clashes(event, origin_code: str) -> list[str]:
    """Codes of the co-hosting sites that already have an event of their own
    (not this event's copy) at ``event``'s address."""
    clashes = []
    for host in Site.objects.real().filter(code__in=event.cohost_codes).exclude(code=origin_code):
        with schema_context(host.schema_name):
            if _clashing_slug(event):
                clashes.append(host.code)
    return clashes


def _clashing_slug(event) -> bool:
    from events.models import Event

    return Event.objects.filter(slug=event.slug).exclude(uid=event.uid).exists()


def _declined(uid) -> bool:
    from events.models import DeclinedCohosting

    return DeclinedCohosting.objects.filter(uid=uid).exists()


def decline(copy, *, by: str = "") -> None:
    """The current site declines to co-host ``copy``'s event: the copy and
    its copied speakers go, and later edits on the origin bring none back.
    The origin keeps its event; its coordinators see the site gone from it,
    and so do the hub's readers (the origin's documents are written again
    without it: :func:`showing_codes`)."""
    from events.models import DeclinedCohosting

    if not copy.is_copy:
        raise ValueError("only a co-hosted copy can be declined")
    with transaction.atomic():
        DeclinedCohosting.objects.get_or_create(
            uid=copy.uid,
            defaults={"origin_code": copy.origin_code, "title": str(copy)[:250], "declined_by": by},
        )
        copy.delete()
        _forget_orphan_speakers()
        _reindex_origin(copy.uid, copy.origin_code)


def _reindex_origin(uid, origin_code: str) -> None:
    from events.models import Event
    from search.registry import index_object

    origin = Site.objects.real().filter(code=origin_code).first()
    if origin is None:
        return
    with schema_context(origin.schema_name):
        event = Event.objects.filter(uid=uid, origin_code="").first()
        if event is not None:
            index_object(event, origin)


def showing_codes(event) -> list[str]:
    """The co-hosts ``event`` (on its origin) is really shown on: those
    named, less any that declined it (their decision is kept in their own
    schema). What the hub names as "co-hosted with"."""
    codes = [code for code in event.cohost_codes or [] if code]
    if not codes or event.is_copy or event.uid is None:
        return []
    declined = set()
    for host in Site.objects.real().filter(code__in=codes):
        with schema_context(host.schema_name):
            if _declined(event.uid):
                declined.add(host.code)
    return [code for code in codes if code not in declined]


@dataclass(frozen=True)
class Partner:
    """Another site showing a co-hosted event, as a reader sees it named."""

    name: str  # in the reader's language
    url: str  # the event on that site, in the reader's language if it offers it


def partners(event, site: Site, language: str) -> list[Partner]:
    """The other launched sites that show ``event`` (its origin, its
    co-hosts that hold a copy, never one that declined), from the
    coordination index; a site still in preparation is not named, as on the
    hub. Two queries (sites, their domains), none for an event that is not
    co-hosted."""
    from coordination.models import CalendarEntry

    if not (event.is_copy or event.cohost_codes):
        return []
    holders = CalendarEntry.objects.filter(event_uid=event.uid).exclude(site=site)
    others = (
        Site.objects.public()
        .filter(pk__in=holders.values("site_id"))
        .prefetch_related("domains")
        .order_by("code")
    )
    found = []
    for other in others:
        if not other.primary_domain_name():
            continue
        reads = language if language in other.languages else other.default_language
        with translation.override(reads):
            path = reverse(
                "event_detail", kwargs={"slug": event.slug}, urlconf=settings.ROOT_URLCONF
            )
        found.append(Partner(name=name_in(other, language), url=site_url(other, path)))
    return found


def delete_copies(event, origin: Site) -> None:
    for host in Site.objects.real().filter(code__in=event.cohost_codes).exclude(pk=origin.pk):
        _delete_copy(host, event.uid)


def _delete_copy(site: Site, uid) -> None:
    from events.models import Event

    with schema_context(site.schema_name):
        for copy in Event.objects.filter(uid=uid).exclude(origin_code=""):
            copy.delete()
        _forget_orphan_speakers()


def _copy_speakers(copy, speakers, origin: Site) -> None:
    """Speakers of the copy: rows of the co-host's own, one per speaker of the
    origin (found by origin and key), never a speaker the co-host made."""
    from events.models import Speaker

    columns = _translated_columns(Speaker)
    local = []
    for speaker in speakers:
        twin, _created = Speaker.objects.update_or_create(
            origin_code=origin.code,
            origin_pk=speaker.pk,
            defaults={
                "name": speaker.name,
                **{column: getattr(speaker, column) for column in columns},
            },
        )
        local.append(twin)
    copy.speakers.set(local)
    _forget_orphan_speakers()


def _forget_orphan_speakers() -> None:
    """Copied speakers no copied event lists any more."""
    from events.models import Speaker

    Speaker.objects.exclude(origin_code="").filter(events__isnull=True).delete()


def cohost_choices(origin: Site, language: str, *, kept: list[str]) -> list[tuple[str, str]]:
    """(code, name in ``language``) of the sites ``origin``'s editors may ask
    to co-host an event: those in operation (drafts too: the coordinators
    plan with them), never itself, plus those ``kept`` (already chosen) that
    still exist, so they can be unticked; as readers of ``language`` sort names."""
    sites = Site.objects.real().exclude(pk=origin.pk)
    sites = sites.filter(models.Q(pk__in=Site.objects.active()) | models.Q(code__in=kept))
    return sorted_by(
        ((site.code, name_in(site, language)) for site in sites), language, key=itemgetter(1)
    )


def languages_for(origin: Site, cohost_codes: list[str]) -> list[str]:
    """The origin's languages, then any a co-host adds: what a co-hosted event needs."""
    languages = list(origin.languages)
    for host in Site.objects.filter(code__in=cohost_codes).order_by("code"):
        languages += [code for code in host.languages if code not in languages]
    return languages


def after_restore(site: Site, *, as_new: bool) -> str:
    """A site restored as a copy co-hosts nothing: its events would otherwise
    overwrite the original's copies on the partner sites. Restored in place,
    the partners' copies are brought back in line with the restored events."""
    from events.models import Event

    with schema_context(site.schema_name):
        origins = Event.objects.filter(origin_code="").exclude(cohost_codes=[])
        if as_new:
            detached = origins.update(cohost_codes=[])
            return (
                f"events: {detached} co-hosted event(s) detached from their partners"
                if detached
                else ""
            )
        count = 0
        for event in origins:
            sync_copies(event, site, previous_cohosts=event.cohost_codes)
            count += 1
        return f"events: {count} co-hosted event(s) copied to their partners again" if count else ""

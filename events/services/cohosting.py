"""Co-hosted events: edited once on the origin site, shown on each co-host.

Each co-hosting site holds a read-only copy (same ``uid``) in its own schema,
so its calendar, feeds and search stay single-schema queries. Copies carry
every translation; each site shows the languages it offers.
"""

from django.db import transaction
from django_tenants.utils import schema_context
from modeltranslation.translator import translator

from tenants.models import Site

COPIED_FIELDS = (
    "slug", "kind", "online_url", "starts_at", "ends_at", "time_zone", "all_day", "recurrence",
    "organisers", "partners", "capacity", "registration_open", "status", "is_published",
)  # fmt: skip


def _translated_columns(model) -> list[str]:
    options = translator.get_options_for_model(model)
    return [column.name for fields in options.all_fields.values() for column in fields]


def sync_copies(event, origin: Site, *, previous_cohosts: list[str] = ()) -> None:
    """Bring the copies on the co-hosting sites in line with ``event``, and
    remove them from sites that no longer co-host it."""
    from events.models import Event

    values = {name: getattr(event, name) for name in COPIED_FIELDS}
    values.update({name: getattr(event, name) for name in _translated_columns(Event)})
    speakers = list(event.speakers.all()) if event.pk else []
    hosts = Site.objects.active().filter(code__in=event.cohost_codes).exclude(pk=origin.pk)
    with transaction.atomic():
        for host in hosts:
            with schema_context(host.schema_name):
                copy, _created = Event.objects.update_or_create(
                    uid=event.uid,
                    defaults={**values, "origin_code": origin.code, "cohost_codes": []},
                )
                _copy_speakers(copy, speakers)
        dropped = set(previous_cohosts) - set(event.cohost_codes) - {origin.code}
        for former in Site.objects.real().filter(code__in=dropped):
            _delete_copy(former, event.uid)


def delete_copies(event, origin: Site) -> None:
    for host in Site.objects.real().filter(code__in=event.cohost_codes).exclude(pk=origin.pk):
        _delete_copy(host, event.uid)


def _delete_copy(site: Site, uid) -> None:
    from events.models import Event

    with schema_context(site.schema_name):
        for copy in Event.objects.filter(uid=uid).exclude(origin_code=""):
            copy.delete()


def _copy_speakers(copy, speakers) -> None:
    from events.models import Speaker

    columns = _translated_columns(Speaker)
    local = []
    for speaker in speakers:
        twin, _created = Speaker.objects.update_or_create(
            name=speaker.name,
            organisation=speaker.organisation,
            defaults={column: getattr(speaker, column) for column in columns},
        )
        local.append(twin)
    copy.speakers.set(local)


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

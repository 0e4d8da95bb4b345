"""Telling registrants that their event changed: its time, place, status or
online link, whatever moves its calendar SEQUENCE (events.models.event
SCHEDULE_FIELDS and TRACKED_TRANSLATED).

Each registration keeps the SEQUENCE its registrant last received. A
registrant behind the event's is claimed with a conditional update (behind
→ told) before their e-mail goes, so a job run twice, or two at once, tells
nobody twice. The e-mail says the event as it now stands: changed twice
before the job ran, it is told once. An event that has ended tells nobody.
"""

import datetime

from django.db.models import F
from django.utils import timezone

from events.models import Event, Registration
from events.services.registration import notify
from tenants.models import Site


def waiting_to_hear(event: Event, *, now: datetime.datetime | None = None) -> int:
    """How many of the event's registrants have not received it as it now
    stands (nobody, once it has ended): the next job tells them."""
    if event.ends_at < (now or timezone.now()):
        return 0
    return event.registrations.active().filter(told_sequence__lt=event.sequence).count()


def tell_participants(site: Site, *, now: datetime.datetime | None = None) -> int:
    """E-mail every active registrant of the current site's events who has
    not received the event as it now stands; returns how many were told.
    Runs in ``site``'s schema, outside any transaction."""
    now = now or timezone.now()
    behind = (
        Registration.objects.active()
        .filter(told_sequence__lt=F("event__sequence"), event__ends_at__gte=now)
        .select_related("event")
        .order_by("pk")
    )
    told = 0
    for registration in behind.iterator():
        claimed = Registration.objects.filter(
            pk=registration.pk, told_sequence=registration.told_sequence
        ).update(told_sequence=registration.event.sequence)
        if claimed:
            notify(registration, "cancelled" if registration.event.is_cancelled else "changed")
            told += 1
    return told

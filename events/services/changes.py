"""Telling registrants that their event changed: its time, place, status or
online link, whatever moves its calendar SEQUENCE (events.models.event
SCHEDULE_FIELDS and TRACKED_TRANSLATED).

Each registration keeps the SEQUENCE its registrant last received. A
registrant behind the event's is claimed with a conditional update (behind
and not cancelled → told) before their e-mail goes, so a job run twice, or
two at once, tells nobody twice; the registration and event are then read
again, so one cancelled meanwhile gets nothing and the e-mail says the event
as it now stands (changed twice before the job ran, it is told once). The
e-mail is sent at once: if the mail server fails, the claim is undone and
the job comes back later (events.jobs); an address the server refuses is
not tried again. An event that has ended tells nobody.
"""

import datetime
import logging
import smtplib
from collections import Counter
from collections.abc import Iterable

from django.db.models import Count
from django.utils import timezone

from events.models import Event, Registration
from events.services.registration import notify_now
from tenants.models import Site

logger = logging.getLogger(__name__)

TOLD, REFUSED, FAILED = "told of a change", "address refused", "failed, to retry"


def waiting_to_hear(event: Event, *, now: datetime.datetime | None = None) -> int:
    """How many of the event's registrants have not received it as it now
    stands (nobody, once it has ended): the next job tells them."""
    if event.ends_at < (now or timezone.now()):
        return 0
    state = event.notice_state()
    return sum(
        1
        for status, told in event.registrations.behind().values_list("status", "told_state")
        if is_news(status, changed_aspects(told, state))
    )


def is_news(status: str, changed: list[str]) -> bool:
    """Whether a change is news to a registrant: a new link alone is not to
    the waiting list, which does not receive it."""
    return status == Registration.Status.CONFIRMED or changed != ["link"]


def expected_by(events: Iterable[Event]) -> list[tuple[Event, int]]:
    """(event, how many) for each of ``events`` not yet over that people
    registered for still expect: one to cancel, not to delete."""
    now = timezone.now()
    counted = dict(
        Registration.objects.active()
        .filter(event__in=[event.pk for event in events], event__ends_at__gte=now)
        .values_list("event")
        .annotate(number=Count("pk"))
    )
    return [(event, counted[event.pk]) for event in events if counted.get(event.pk)]


def tell_participants(site: Site, *, now: datetime.datetime | None = None) -> Counter:
    """E-mail every active registrant of the current site's events who has
    not received the event as it now stands; returns how many were told,
    refused and failed (:data:`TOLD`, :data:`REFUSED`, :data:`FAILED`).
    Runs in ``site``'s schema, outside any transaction."""
    now = now or timezone.now()
    behind = (
        Registration.objects.behind()
        .filter(event__ends_at__gte=now)
        .values_list("pk", "told_sequence", "event__sequence")
        .order_by("pk")
    )
    outcome: Counter = Counter()
    for pk, was_told, sequence in list(behind):
        mine = Registration.objects.active().filter(pk=pk, told_sequence=was_told)
        if not mine.update(told_sequence=sequence):
            continue  # another job's, or cancelled
        registration = Registration.objects.select_related("event").get(pk=pk)
        event = registration.event
        now_told = event.notice_state()
        changed = changed_aspects(registration.told_state, now_told)
        if not is_news(registration.status, changed):
            Registration.objects.filter(pk=pk).update(told_state=now_told)
            continue
        try:
            notify_now(
                registration,
                "cancelled" if event.is_cancelled else "changed",
                changed=changed,
                told=registration.told_state,
            )
        except smtplib.SMTPRecipientsRefused:
            logger.warning("change notice to registration %s refused by the mail server", pk)
            Registration.objects.filter(pk=pk).update(notice_refused_at=timezone.now())
            outcome[REFUSED] += 1
        except Exception:  # this one waits for the next try; the others go on
            logger.exception("change notice to registration %s failed; it is retried", pk)
            Registration.objects.filter(pk=pk, told_sequence=sequence).update(
                told_sequence=was_told
            )
            outcome[FAILED] += 1
        else:
            Registration.objects.filter(pk=pk).update(told_state=now_told, notice_refused_at=None)
            outcome[TOLD] += 1
    return outcome


def changed_aspects(told: dict, now: dict) -> list[str]:
    """The aspects (events.models.event.NOTICE_ASPECTS) that differ from what
    the registrant was told; none known for one registered before it was
    kept (an empty ``told``). Translated aspects are {language: text}."""
    # An aspect kept in another form, or not kept yet, when they were told
    # (a place as a list before titles were kept, no title): not known.
    return [
        aspect
        for aspect, values in now.items()
        if type(told.get(aspect)) is type(values) and told[aspect] != values
    ]

"""Registration for an event: capacity, waiting list, cancellation, e-mails.

Every change takes a row lock on the event, so parallel registrations are
counted one after another and the capacity is never exceeded.
"""

import copy
import datetime
from collections.abc import Iterable
from types import SimpleNamespace

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from events.services.ical import site_calendar
from events.services.join_link import join_link_for
from languages.columns import set_text
from tenants.addresses import site_url
from tenants.context import current_site
from translations.fallback import ShownText, fallback_chain, shown_text
from web import mail


class RegistrationError(Exception):
    """Refused for a reason the visitor should read (translated)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


class AlreadyRegistered(RegistrationError):
    """The address has a live registration. Not for the visitor's eyes (it
    would tell anyone who is registered): the page reads as for a new one,
    and the registrant gets their registration again by e-mail."""

    def __init__(self, registration: "Registration", *, full: bool) -> None:
        super().__init__(_("This e-mail address is already registered for this event."))
        self.registration = registration
        self.full = full


def registration_refusal(event: Event):
    """Why this event takes no registrations now, or None."""
    if event.is_copy:
        return _("Registration for this event is handled by the organising site.")
    if event.is_cancelled:
        return _("This event has been cancelled.")
    if not event.registration_open:
        return _("Registration is closed.")
    if event.ends_at < timezone.now():
        return _("This event is over.")
    return None


def register(
    *,
    event: Event,
    name: str,
    email: str,
    language: str,
    organisation: str = "",
    country: str = "",
) -> Registration:
    refusal = registration_refusal(event)
    if refusal:
        raise RegistrationError(refusal)
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            full = (
                locked.capacity is not None
                and locked.registrations.confirmed().count() >= locked.capacity
            )
            existing = locked.registrations.active().filter(email__iexact=email).first()
            if existing is not None:
                raise AlreadyRegistered(existing, full=full)
            registration = Registration.objects.create(
                event=locked,
                name=name,
                email=email,
                organisation=organisation,
                country=country,
                language=language,
                status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
            )  # told of the event as it stands (Registration.save)
            notify(registration, "waitlisted" if full else "confirmed")
    except IntegrityError:
        # The unique constraint caught a duplicate that raced the check above.
        existing = event.registrations.active().filter(email__iexact=email).first()
        if existing is None:
            raise
        raise AlreadyRegistered(existing, full=False) from None
    return registration


def remind(registration: Registration) -> None:
    """E-mail the registrant their registration (and cancel link) again,
    with the event as it now stands: no change is left to tell them of."""
    Registration.objects.filter(pk=registration.pk).update(
        told_sequence=models.functions.Greatest("told_sequence", registration.event.sequence),
        told_state=registration.event.notice_state(),
    )
    if registration.status == Registration.Status.CONFIRMED:
        notify(registration, "confirmed")
    elif registration.status == Registration.Status.WAITLISTED:
        notify(registration, "waitlisted")


def cancel(registration: Registration) -> Registration | None:
    """Cancel; if a confirmed place is freed, promote the first on the waiting list.

    Returns the promoted registration, if any.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return None
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if not was_confirmed:
            return None
        promoted = _promote_next(event)
        if promoted is not None:
            notify(promoted, "promoted")
        return promoted


def _promote_next(event: Event) -> Registration | None:
    if event.capacity is not None and event.registrations.confirmed().count() >= event.capacity:
        return None
    promoted = event.registrations.waitlisted().select_for_update().first()
    if promoted is not None:
        promoted.status = Registration.Status.CONFIRMED
        # The e-mail holds the event as it stands.
        promoted.told_sequence, promoted.told_state = event.sequence, event.notice_state()
        promoted.save(update_fields=["status", "told_sequence", "told_state"])
    return promoted


def notify(registration: Registration, kind: str) -> None:
    """E-mail the registrant, in the language they registered in, once the
    transaction commits. ``kind`` is confirmed, waitlisted or promoted, or
    changed or cancelled (the event: events.services.changes); a confirmed
    place gets the .ics, and the online link while the event is on."""
    mail.send(**_message_of(registration, kind))


def notify_now(
    registration: Registration, kind: str, *, changed: Iterable[str] = (), told: dict | None = None
) -> None:
    """:func:`notify`, sent now, for a job that must know it went: raises
    what the mail server raised (``smtplib.SMTPException``, ``OSError``).
    ``changed``: the aspects to mark (events.models.event.NOTICE_ASPECTS);
    ``told``: what the registrant was told before (Event.notice_state), for
    the title they know the event by."""
    mail.message(**_message_of(registration, kind, changed=changed, told=told)).send()


def _message_of(
    registration: Registration,
    kind: str,
    *,
    changed: Iterable[str] = (),
    told: dict | None = None,
) -> dict:
    site = current_site()
    event = registration.event
    has_place = registration.status == Registration.Status.CONFIRMED
    language = mail.language_for(site, registration.language)
    changed = set(changed)
    former_title = (
        _former_title(event, told, fallback_chain(site, language))
        if "title" in changed and told
        else None
    )
    former_time = _as_told(event, told) if "time" in changed and told else None
    with translation.override(language):
        token = {"token": registration.token}
        context = {
            "registration": registration,
            "event": event,
            "event_url": site_url(site, event.get_absolute_url()),
            "cancel_url": site_url(site, reverse("registration_cancel", kwargs=token)),
            "kind": kind,
            # Only a participant with a place gets the link (events.models.Event.online_url_is_public).
            "join_link": join_link_for(event, participant=has_place),
            "has_place": has_place,
            "changed": changed,
            "former_title": former_title,
            "former_time": former_time,
        }
        attachments = []
        if has_place:
            ics = site_calendar(
                [event], site=site, language=language, name=str(event), participant=True
            )
            # Django adds the charset to a text part (given, it said it twice).
            attachments.append((f"{event.slug}.ics", ics, "text/calendar; method=PUBLISH"))
    return {
        "template": "events/emails/registration",
        "context": context,
        "to": [registration.email],
        "language": language,
        "site": site,
        "attachments": attachments,
    }


def _former_title(event: Event, told: dict, chain: list[str]) -> ShownText | None:
    """The title the registrant was told, as their pages showed it (the
    same fallback ``chain``); None where theirs has not changed (another
    language's has)."""
    former = SimpleNamespace()
    for code, text in told["title"].items():
        set_text(former, "title", code, text)
    shown = shown_text(former, "title", chain)
    return None if shown.text == shown_text(event, "title", chain).text else shown


def _as_told(event: Event, told: dict) -> Event | None:
    """A copy of ``event`` at the time it had when the registrant was told
    (Event.notice_state's "time": start, end, all day, zone, recurrence),
    to write it as the event's time is written; None if not kept so."""
    try:
        starts, ends, all_day, zone, recurrence = told["time"]
        former = copy.copy(event)
        former.starts_at = datetime.datetime.fromisoformat(starts)
        former.ends_at = datetime.datetime.fromisoformat(ends)
    except (KeyError, TypeError, ValueError):
        return None
    former.all_day, former.time_zone, former.recurrence = all_day, zone, recurrence
    return former


def waitlist_place(registration: Registration) -> int | None:
    """Where a waiting registration stands in the queue (1 is next), or None."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = registration.event.registrations.waitlisted().filter(
        models.Q(created_at__lt=registration.created_at)
        | models.Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


# What the event page said to this browser after it registered an address:
# the address and "registered" or "on the waiting list", the same whether the
# address was new or already registered (issue 12: the page must not tell who
# is registered). The registration itself, and its cancel link, travel only
# by e-mail to the address's owner. Kept in the session, so the page cache
# (visitors without a session only) never stores it.
SESSION_KEY = "event_registrations_announced"


def announce(session, event: Event, *, email: str, status: str) -> None:
    announced = dict(session.get(SESSION_KEY, {}))
    announced[str(event.pk)] = {"email": email[:254], "status": status}
    session[SESSION_KEY] = announced


def forget(session, event: Event) -> None:
    announced = dict(session.get(SESSION_KEY, {}))
    if announced.pop(str(event.pk), None) is not None:
        session[SESSION_KEY] = announced


def announced(request, event: Event) -> dict | None:
    """What this browser was told after registering for ``event``, while the
    address still has a registration (cancelled from the e-mail on another
    device, it goes). Its state is never read back: a place confirmed or
    waiting would say which of the two answers was the true one."""
    session = getattr(request, "session", None)
    value = session.get(SESSION_KEY, {}).get(str(event.pk)) if session is not None else None
    if not isinstance(value, dict) or not isinstance(value.get("email"), str):
        return None
    if not event.registrations.active().filter(email__iexact=value["email"]).exists():
        return None
    return value


def own_registration(request, event: Event) -> Registration | None:
    """The signed-in person's live registration for ``event`` (by the
    address of their account, which they proved when it was made)."""
    if not request.user.is_authenticated or not getattr(request.user, "email", ""):
        return None
    return event.registrations.active().filter(email__iexact=request.user.email).first()


def registrations_of(email: str):
    """A person's live registrations, soonest event first (for the dashboard)."""
    return (
        Registration.objects.active()
        .filter(email__iexact=email, event__is_published=True)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )

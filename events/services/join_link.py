"""Where an event is joined online, as calendars and feeds say it: the link
itself, or, when it goes only to confirmed participants, that it is sent to
them (events.models.Event.online_url_is_public)."""

from django.utils.translation import gettext

from events.models import Event


def join_link_for(event: Event, *, participant: bool = False) -> str:
    """The link this reader may have: a public one, or a private one for a
    confirmed participant (``participant``); else "", and for everyone once
    the event is cancelled (nothing to join)."""
    if event.is_cancelled or (event.join_link_is_private and not participant):
        return ""
    return event.online_url


def where_to_join(event: Event, *, participant: bool = False) -> str:
    """One line in the active language for an online or hybrid event's
    description, or "" for an event held only in a room."""
    if not event.online_url or event.is_cancelled:
        return ""
    link = join_link_for(event, participant=participant)
    if not link:
        return gettext("The link to join is sent to registered participants.")
    return gettext("Join online: %(link)s") % {"link": link}

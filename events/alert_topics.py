"""The events calendar as something to follow by e-mail (``alerts.topics``):
every new event, or new events of one kind (forums, trade fairs…)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alerts.topics import Topic, register
from events.models import Event
from tenants.models import Site

EVERY = "all"


def _kinds(_site: Site) -> list[tuple[str, str]]:
    return [(EVERY, str(_("All events"))), *((v, str(label)) for v, label in Event.Kind.choices)]


def _of_kind(value: str) -> QuerySet:
    return Event.objects.all() if value == EVERY else Event.objects.filter(kind=value)


def register_topics() -> None:
    register(Topic("events", _("Events calendar"), "event", _kinds, _of_kind))

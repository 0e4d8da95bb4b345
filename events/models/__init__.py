from events.models.event import AgendaSession, DeclinedCohosting, Event, Speaker
from events.models.registration import Registration

__all__ = ["AgendaSession", "DeclinedCohosting", "Event", "Registration", "Speaker"]

from events.models.event import AgendaSession, Event, Speaker
from events.models.registration import Registration

__all__ = ["AgendaSession", "Event", "Registration", "Speaker"]

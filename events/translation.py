from modeltranslation.translator import TranslationOptions, register

from events.models import AgendaSession, Event, Speaker


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "venue", "address")


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("organisation", "bio")


@register(AgendaSession)
class AgendaSessionTranslationOptions(TranslationOptions):
    fields = ("title",)

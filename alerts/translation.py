from modeltranslation.translator import TranslationOptions, register

from alerts.models import Bulletin


@register(Bulletin)
class BulletinTranslationOptions(TranslationOptions):
    fields = ("introduction",)

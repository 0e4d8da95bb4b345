from modeltranslation.translator import TranslationOptions, register

from tenants.models import Site


@register(Site)
class SiteTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "tagline", "contact_details")

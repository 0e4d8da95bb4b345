from modeltranslation.translator import TranslationOptions, register

from cooperation.models import Article, Opportunity


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Opportunity)
class OpportunityTranslationOptions(TranslationOptions):
    fields = ("title", "description")

from modeltranslation.translator import TranslationOptions, register

from cooperation.models import Article


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")

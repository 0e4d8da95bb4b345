from modeltranslation.translator import TranslationOptions, register

from cooperation.models import Article, Enterprise, Opportunity, Question


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Opportunity)
class OpportunityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Enterprise)
class EnterpriseTranslationOptions(TranslationOptions):
    fields = ("name", "description", "products")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("question", "answer")

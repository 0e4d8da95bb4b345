from modeltranslation.translator import TranslationOptions, register

from cooperation.models import (
    Article,
    Attachment,
    Category,
    Enterprise,
    Opportunity,
    Question,
    SitePage,
    Tag,
)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt")


@register(Attachment)
class AttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Opportunity)
class OpportunityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Enterprise)
class EnterpriseTranslationOptions(TranslationOptions):
    fields = ("name", "description", "products")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("question", "answer")


@register(SitePage)
class SitePageTranslationOptions(TranslationOptions):
    fields = ("title", "body")

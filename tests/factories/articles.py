import itertools

from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from cooperation.models import Article

_sequence = itertools.count(1)


def make_article(
    *, texts: dict[str, str] | None = None, status: str = Article.Status.PUBLISHED, **fields
) -> Article:
    """An article in the current schema; ``texts`` maps language → title."""
    number = next(_sequence)
    article = Article(
        slug=fields.pop("slug", f"article-{number}"),
        status=status,
        published_at=fields.pop("published_at", timezone.now() - timezone.timedelta(hours=1)),
        **fields,
    )
    for language, title in (texts or {"en": f"Article {number}"}).items():
        setattr(article, build_localized_fieldname("title", language), title)
    article.save()
    return article

"""What articles need beyond their model: the words that file them."""

from cooperation.models import Article
from languages.columns import text_in
from languages.registry import SUPPORTED_CODES


def article_keywords(article: Article) -> list[str]:
    """The names of its category and tags in every language: readers find an
    article by what it is filed under ("nong nghiep" → Nông nghiệp), in any
    language, though the names are not part of its text. Tags are read only
    once the article is saved (they need its key)."""
    filed = [article.category] if article.category_id else []
    if article.pk:
        filed += list(article.tags.all())
    return [
        name
        for item in filed
        for language in SUPPORTED_CODES
        if (name := text_in(item, "name", language))
    ]

from cooperation.models.article import Article
from cooperation.models.search import SearchDocument

__all__ = ["Article", "SearchDocument"]

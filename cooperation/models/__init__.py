from cooperation.models.article import Article
from cooperation.models.enterprise import Enterprise
from cooperation.models.opportunity import Opportunity
from cooperation.models.question import Question, Topic, TopicOwner
from cooperation.models.search import SearchDocument

__all__ = [
    "Article",
    "Enterprise",
    "Opportunity",
    "Question",
    "SearchDocument",
    "Topic",
    "TopicOwner",
]

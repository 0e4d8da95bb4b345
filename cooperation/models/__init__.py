from cooperation.models.article import Article, Attachment
from cooperation.models.enterprise import Enterprise, EnterpriseMember
from cooperation.models.matchmaking import MatchRequest
from cooperation.models.opportunity import Opportunity
from cooperation.models.page import SitePage
from cooperation.models.question import Question, Topic, TopicOwner
from cooperation.models.taxonomy import Category, Tag

__all__ = [
    "Article",
    "Attachment",
    "Category",
    "Enterprise",
    "EnterpriseMember",
    "MatchRequest",
    "Opportunity",
    "Question",
    "SitePage",
    "Tag",
    "Topic",
    "TopicOwner",
]

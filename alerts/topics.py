"""What else, beyond a search, people can follow: topics content apps offer.

A topic narrows one kind of search document (``search.registry``) to the
objects of one value: the articles of a news category, the listings of a
type or a sector. Content apps register theirs from ``AppConfig.ready()``;
this app imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise

from tenants.models import Site


@dataclass(frozen=True)
class Topic:
    key: str  # stored in Subscription.topic: "category", "listing_type", "sector"
    label: Promise  # "News category"
    kind: str  # the search kind it narrows: "article", "opportunity"
    #: ``(value, label)`` in the active language, inside the site's schema.
    choices: Callable[[Site], list[tuple[str, str]]]
    #: The primary keys of the kind's objects that have ``value``.
    among: Callable[[str], QuerySet]


_TOPICS: dict[str, Topic] = {}


def register(topic: Topic) -> None:
    _TOPICS[topic.key] = topic


def topics() -> list[Topic]:
    return list(_TOPICS.values())


def topic(key: str) -> Topic | None:
    return _TOPICS.get(key)

"""What else, beyond a search, people can follow: topics content apps offer.

A topic narrows one kind of search document (``search.registry``) to the
objects of one value: the articles of a news category, the listings of a
type or a sector. Content apps register theirs from ``AppConfig.ready()``;
this app imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

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


#: A search alert may be narrowed by topics of its kind (a list's filters:
#: "demand listings of product 0901 from China" is the search type=opportunity,
#: product=0901, country=CN narrowed by listing_type=demand). The narrowing is
#: stored in ``Subscription.value`` as a query string of topic keys, and the
#: subscribe form reads it from fields (and link parameters) named ``within_<key>``.
WITHIN = "within_"


def narrowing(value: str) -> list[tuple[Topic, str]]:
    """``(topic, value)`` of a search alert's stored narrowing; unknown topics
    (an app that offered one is gone) are left out."""
    pairs = []
    for key, chosen in parse_qsl(value or ""):
        found = topic(key)
        if found is not None and chosen:
            pairs.append((found, chosen))
    return pairs


def narrowed(value: str) -> QuerySet | None:
    """The objects a search alert's narrowing lets through, or None (no narrowing)."""
    among = None
    for found, chosen in narrowing(value):
        objects = found.among(chosen)
        among = objects if among is None else among & objects
    return among


def stored_narrowing(within: dict[str, str]) -> str:
    """What ``Subscription.value`` holds for ``{topic key: value}`` (sorted, so
    one wish is stored one way and the unique constraint sees it)."""
    return urlencode(sorted((key, value) for key, value in within.items() if value))


def follow_query(
    kind: str,
    *,
    query: str = "",
    product: str = "",
    country: str = "",
    within: dict[str, str] | None = None,
) -> str:
    """The subscribe page's query string for a list or a search with these
    filters, so that the alert follows exactly what the list shows."""
    params = {"type": kind, "q": query, "product": product, "country": country}
    params.update({f"{WITHIN}{key}": value for key, value in (within or {}).items()})
    return urlencode({name: value for name, value in params.items() if value})


def renew_query(subscription) -> str:
    """The subscribe page's query string that sets up ``subscription``'s wish
    again (after it ended): what it followed, never the address."""
    if subscription.topic == "search":
        return follow_query(
            subscription.kind,
            query=subscription.query,
            product=subscription.product,
            country=subscription.country,
            within={found.key: value for found, value in narrowing(subscription.value)},
        )
    return urlencode(
        {
            name: value
            for name, value in (("topic", subscription.topic), ("value", subscription.value))
            if value
        }
    )

"""Deciding each subscriber's digest: what is new for them since the last one.

A digest covers the moments (covered_until, now] of its subscription. The
decision, the delivery row holding its items and the new ``covered_until``
are written in one transaction, per subscriber, with the subscription row
locked: a second worker skips it, a crash before the commit leaves nothing
decided (the next run decides again, with the same items and more), and a
crash after it leaves a delivery waiting to be sent (``send_pending``).
"""

import datetime
import zoneinfo
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from alerts import topics
from alerts.models import Delivery, Subscription
from alerts.services import items as alert_items
from search.query import Filters, matching
from tenants.models import Site
from web.mail import language_for

#: Items in one digest at most (the newest); the e-mail links to the rest.
DIGEST_LIMIT = 50


def period(site: Site, frequency: str, now: datetime.datetime) -> tuple[str, datetime.datetime]:
    """The digest period ``now`` falls in, and when it began. A day begins at
    ``DIGEST_HOUR`` in the site's time zone, a week on Monday at that hour:
    each subscriber's digest goes in the first run of the job from then on."""
    zone = zoneinfo.ZoneInfo(site.time_zone)
    shifted = timezone.localtime(now, zone) - datetime.timedelta(hours=settings.DIGEST_HOUR)
    day = shifted.date()
    if frequency == Subscription.Frequency.WEEKLY:
        day -= datetime.timedelta(days=day.weekday())
        year, week, _weekday = day.isocalendar()
        key = f"weekly:{year}-W{week:02d}"
    else:
        key = f"daily:{day.isoformat()}"
    begins = datetime.datetime.combine(day, datetime.time(settings.DIGEST_HOUR), tzinfo=zone)
    return key, begins


def new_items(
    site: Site, subscription: Subscription, since, until
) -> tuple[list[alert_items.Item], int]:
    """What appeared for ``subscription`` in (since, until], newest first, in
    its language (fallback kept, and said by each item's ``title_language``):
    the newest DIGEST_LIMIT, and how many appeared in all."""
    language = language_for(site, subscription.language)
    if subscription.topic == Subscription.SEARCH:
        query, filters, among = (
            subscription.query,
            Filters(
                kind=subscription.kind,
                product=subscription.product,
                country=subscription.country,
            ),
            topics.narrowed(subscription.value),
        )
    else:
        topic = topics.topic(subscription.topic)
        if topic is None:  # an app that offered it is gone
            return [], 0
        query, filters, among = "", Filters(kind=topic.kind), topic.among(subscription.value)
    with translation.override(language):
        results = matching(
            site,
            language,
            query,
            filters,
            since=since,
            until=until,
            among=among,
            limit=DIGEST_LIMIT,
        )
        return [alert_items.from_result(site, result) for result in results], results.total


def decide(site: Site, frequency: str, now: datetime.datetime) -> Counter:
    """Write the deliveries of the current period for every active
    subscription of ``frequency`` that has none yet. Returns the count of
    deliveries with something to send (``pending``) and without (``nothing``)."""
    key, begins = period(site, frequency, now)
    due = (
        Subscription.objects.active()
        .filter(frequency=frequency)
        .exclude(topic=Subscription.BULLETIN)
        .filter(Q(covered_until__lt=begins) | Q(covered_until=None))
        .exclude(deliveries__period=key)
    )
    outcome: Counter = Counter()
    for pk in due.values_list("pk", flat=True).iterator():
        decided = _decide_one(site, pk, key, now)
        if decided:
            outcome[decided] += 1
    return outcome


def _decide_one(site: Site, pk: int, key: str, now: datetime.datetime) -> str:
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=Subscription.Status.ACTIVE)
            .first()
        )
        if subscription is None or subscription.deliveries.filter(period=key).exists():
            return ""
        since = subscription.covered_until or subscription.confirmed_at
        found, total = new_items(site, subscription, since, now)
        status = Delivery.Status.PENDING if found else Delivery.Status.NOTHING
        Delivery.objects.create(
            subscription=subscription,
            period=key,
            since=since,
            until=now,
            items=found,
            item_count=total,  # the e-mail says how many more than it holds
            status=status,
        )
        subscription.covered_until = now
        subscription.save(update_fields=["covered_until"])
    return status

"""The weekly bulletin: assembled when a week ends, introduced and reordered
by editors, sent to its subscribers in their languages, archived on the site.

A week runs Monday to Sunday in the site's time zone. The bulletin of a week
is assembled by the first job run after it ends and goes out at its
``send_after`` (Monday, ``DIGEST_HOUR`` + ``BULLETIN_DELAY_HOURS``), or
earlier when an editor sends it. Sending writes one delivery per subscriber,
holding the bulletin in that subscriber's language, in the transaction that
marks the bulletin sent; the messages go after the commit
(``alerts.services.delivery``).
"""

import datetime
import zoneinfo
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Greatest
from django.utils import timezone

from alerts.models import Bulletin, BulletinItem, Delivery, Subscription
from alerts.services import items as alert_items
from search.models import SearchDocument
from tenants.addresses import site_url
from tenants.models import Site
from translations.fallback import fallback_chain, shown_text

KINDS = ("article", "opportunity", "event")
#: Events starting this long after the week are announced in its bulletin.
EVENTS_AHEAD = datetime.timedelta(days=21)


def week_key(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def last_week(site: Site, now: datetime.datetime) -> datetime.date:
    """The Monday of the last week that has ended, in the site's time zone."""
    today = timezone.localtime(now, zoneinfo.ZoneInfo(site.time_zone)).date()
    return today - datetime.timedelta(days=today.weekday() + 7)


def _bounds(site: Site, monday: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = zoneinfo.ZoneInfo(site.time_zone)
    start = datetime.datetime.combine(monday, datetime.time(), tzinfo=zone)
    return start, start + datetime.timedelta(days=7)


def assemble(site: Site, monday: datetime.date) -> Bulletin:
    """The bulletin of the week starting ``monday``, created if needed, with
    every item of the week it does not hold yet added at the end (editors'
    order and exclusions stay)."""
    start, end = _bounds(site, monday)
    send_after = end + datetime.timedelta(
        hours=settings.DIGEST_HOUR + settings.BULLETIN_DELAY_HOURS
    )
    bulletin, _created = Bulletin.objects.get_or_create(
        week=week_key(monday),
        defaults={
            "starts_on": monday,
            "ends_on": monday + datetime.timedelta(days=6),
            "send_after": send_after,
        },
    )
    if bulletin.status != Bulletin.Status.DRAFT:
        return bulletin
    documents = SearchDocument.objects.filter(
        language=site.default_language, is_public=True, kind__in=KINDS
    ).annotate(appeared=Greatest("public_since", "visible_from"))
    appeared = documents.filter(appeared__gte=start, appeared__lt=end)
    coming = documents.filter(kind="event", dated_at__gte=end, dated_at__lt=end + EVENTS_AHEAD)
    found = list(
        (appeared | coming).order_by("dated_at").values_list("kind", "object_id", "dated_at")
    )
    order = {kind: n for n, kind in enumerate(KINDS)}
    found.sort(
        key=lambda row: (
            order[row[0]],
            # News and listings newest first, events soonest first.
            (row[2] or start).timestamp() * (1 if row[0] == "event" else -1),
        )
    )
    held = set(bulletin.items.values_list("kind", "object_id"))
    last = bulletin.items.aggregate(last=Max("position"))["last"] or 0
    new = [(kind, pk) for kind, pk, _dated in found if (kind, pk) not in held]
    BulletinItem.objects.bulk_create(
        BulletinItem(bulletin=bulletin, kind=kind, object_id=pk, position=last + 10 * (n + 1))
        for n, (kind, pk) in enumerate(new)
    )
    return bulletin


def keys(bulletin: Bulletin) -> list[tuple[str, int]]:
    return list(bulletin.items.filter(included=True).values_list("kind", "object_id"))


def contents(site: Site, bulletin: Bulletin, language: str, *, every: bool = False) -> dict:
    """The bulletin as a reader of ``language`` sees it: introduction (with
    the language it is really in) and items. ``every``: the items left out
    too, and each by its key (the editors' page)."""
    introduction = shown_text(bulletin, "introduction", fallback_chain(site, language))
    chosen = list(bulletin.items.values_list("kind", "object_id")) if every else keys(bulletin)
    items = alert_items.from_documents(site, chosen, language)
    shown = {
        "week": bulletin.week,
        "starts_on": bulletin.starts_on.isoformat(),
        "ends_on": bulletin.ends_on.isoformat(),
        "introduction": introduction.text,
        "introduction_language": introduction.language,
        "introduction_fallback": introduction.is_fallback,
        "items": items,
    }
    if every:
        shown["by_key"] = {(item["kind"], item["object_id"]): item for item in items}
    return shown


def clean_introduction(text: str) -> str:
    """Newlines stay; NUL bytes and other control characters go."""
    return "".join(c for c in text if c.isprintable() or c == "\n").strip()


def save_edits(bulletin: Bulletin, form) -> None:
    """The editors' introduction, order and choice of items."""
    from modeltranslation.utils import build_localized_fieldname

    for code, text in form.cleaned_data.items():
        if code.startswith("introduction_"):
            language = code.removeprefix("introduction_")
            setattr(
                bulletin,
                build_localized_fieldname("introduction", language),
                clean_introduction(text),
            )
    bulletin.save()
    for item in form.items:
        item.position = form.cleaned_data[f"position_{item.pk}"]
        item.included = form.cleaned_data[f"included_{item.pk}"]
    BulletinItem.objects.bulk_update(form.items, ["position", "included"])


def schedule_now(bulletin: Bulletin) -> None:
    """An editor sends it: it is due from now on."""
    Bulletin.objects.filter(pk=bulletin.pk, status=Bulletin.Status.DRAFT).update(
        send_after=timezone.now()
    )


def archive_url(site: Site, bulletin: Bulletin, language: str) -> str:
    return site_url(site, f"/{language}/bulletins/{bulletin.week}/")


def send(site: Site, bulletin: Bulletin, *, now: datetime.datetime | None = None) -> int:
    """Mark ``bulletin`` sent and write a delivery for each of its
    subscribers, in one transaction; returns how many. Nothing happens if it
    was sent already (a second click, a second worker)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        if locked.status != Bulletin.Status.DRAFT:
            return 0
        locked.status = Bulletin.Status.SENT
        locked.sent_at = now
        locked.save(update_fields=["status", "sent_at"])
        if not keys(locked):
            return 0  # an empty week: nothing goes out, and the archive leaves it out
        by_language: dict[str, dict] = {}
        deliveries = []
        subscribers = Subscription.objects.active().filter(topic=Subscription.BULLETIN)
        for subscription in subscribers.iterator():
            language = (
                subscription.language
                if subscription.language in site.languages
                else site.default_language
            )
            if language not in by_language:
                by_language[language] = {
                    **contents(site, locked, language),
                    "archive_url": archive_url(site, locked, language),
                }
            deliveries.append(
                Delivery(
                    subscription=subscription,
                    period=f"bulletin:{locked.week}",
                    until=now,
                    items=by_language[language],
                    item_count=len(by_language[language]["items"]),
                )
            )
        Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    bulletin.refresh_from_db()
    return len(deliveries)


def run(site: Site, now: datetime.datetime) -> Counter:
    """The job's part: assemble last week's bulletin, and send it when due."""
    outcome: Counter = Counter()
    bulletin = assemble(site, last_week(site, now))
    if bulletin.status == Bulletin.Status.DRAFT and bulletin.send_after <= now:
        outcome["bulletin deliveries"] += send(site, bulletin, now=now)
    return outcome

"""Filling the job queue with what is due (one job per launched site), and
saying what a run did."""

import datetime
from collections import Counter

from django_tasks_db.models import DBTaskResult

from alerts.jobs import run_site
from alerts.models import Subscription
from alerts.services import digests
from tenants.models import Site


def enqueue_due(site_codes: list[str] | None = None) -> list[str]:
    """Queue a run for every launched site (or those named) that has none
    waiting; returns the codes queued. A site's job finds for itself what
    is due, so queuing one too many costs a few queries, never a message."""
    sites = Site.objects.public()
    if site_codes:
        sites = sites.filter(code__in=site_codes)
    waiting = {
        row["args"][0]
        for row in DBTaskResult.objects.ready()
        .filter(task_path=run_site.module_path)
        .values_list("args_kwargs", flat=True)
        if row.get("args")
    }
    queued = []
    for code in sites.values_list("code", flat=True):
        if code not in waiting:
            run_site.enqueue(code)
            queued.append(code)
    return queued


def next_digests(site: Site, now: datetime.datetime) -> dict[str, datetime.datetime]:
    """When each frequency's next digest period begins on ``site``, in its zone."""
    starts = {}
    for frequency, step in (
        (Subscription.Frequency.DAILY, datetime.timedelta(days=1)),
        (Subscription.Frequency.WEEKLY, datetime.timedelta(weeks=1)),
    ):
        _key, begins = digests.period(site, frequency, now)
        starts[frequency] = begins + step  # wall-clock arithmetic: the hour survives DST
    return starts


def report(since: datetime.datetime, now: datetime.datetime) -> list[str]:
    """One line per site job finished since ``since``: what it sent, and when
    digests are next due, so a run that sent nothing says why to wait."""
    finished = (
        DBTaskResult.objects.successful()
        .filter(task_path=run_site.module_path, finished_at__gte=since)
        .order_by("finished_at")
        .values_list("args_kwargs", "return_value")
    )
    outcomes: dict[str, Counter] = {}
    for args_kwargs, outcome in finished:
        code = (args_kwargs.get("args") or [None])[0]
        if code:
            outcomes.setdefault(code, Counter()).update(outcome or {})
    sites = {site.code: site for site in Site.objects.filter(code__in=outcomes)}
    lines = []
    for code, outcome in outcomes.items():
        if code not in sites:
            continue
        sent = [
            f"{outcome[status]} {label}"
            for status, label in (
                ("sent", "digest(s) sent"),
                ("bulletin deliveries", "bulletin(s) sent"),
                ("failed", "failed, to be retried"),
                ("bounced", "bounced"),
                ("gave_up", "given up"),
            )
            if outcome[status]
        ]
        starts = next_digests(sites[code], now)
        daily, weekly = starts[Subscription.Frequency.DAILY], starts[Subscription.Frequency.WEEKLY]
        lines.append(
            f"{code}: {', '.join(sent) or 'no alerts sent'}; "
            f"next daily digests from {daily:%Y-%m-%d %H:%M} ({sites[code].time_zone}), "
            f"weekly from {weekly:%Y-%m-%d %H:%M}"
        )
    return lines + _other_jobs(since)


def _other_jobs(since: datetime.datetime) -> list[str]:
    """One line per other site job finished since ``since`` (the content
    apps queue their own, e.g. an event's change notices): its counts, as it
    returned them."""
    finished = (
        DBTaskResult.objects.successful()
        .filter(finished_at__gte=since)
        .exclude(task_path=run_site.module_path)
        .order_by("finished_at")
        .values_list("task_path", "args_kwargs", "return_value")
    )
    lines = []
    for task_path, args_kwargs, outcome in finished:
        code = (args_kwargs.get("args") or ["?"])[0]
        counts = outcome if isinstance(outcome, dict) else {}
        done = ", ".join(f"{number} {what}" for what, number in counts.items() if number)
        lines.append(f"{code}: {done or 'nothing to do'} ({task_path})")
    return lines

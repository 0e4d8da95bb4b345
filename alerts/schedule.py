"""Filling the job queue with what is due: one job per launched site."""

from django_tasks_db.models import DBTaskResult

from alerts.jobs import run_site
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

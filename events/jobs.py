"""The events' job, run by the job queue (django-tasks' database backend, as
the alerts' are: alerts.jobs), which ``run_jobs`` works off: tell a site's
registrants of the changes saved to their events. It takes the site's code,
never an object, so a job queued before a restore still finds its site."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from django_tenants.utils import tenant_context

from events.services import changes
from tenants.models import Site

#: A notice the mail server failed to take is tried again this much later.
RETRY_AFTER = datetime.timedelta(minutes=10)


@task()
def tell_participants(site_code: str) -> dict[str, int]:
    site = Site.objects.filter(code=site_code).first()
    if site is None or site.is_archived or site.status == Site.Status.TEMPLATE:
        return {}
    with tenant_context(site):
        outcome = changes.tell_participants(site)
    if outcome[changes.FAILED]:
        tell_participants.using(run_after=timezone.now() + RETRY_AFTER).enqueue(site_code)
    return dict(outcome)


def queue_telling(site: Site) -> None:
    """Queue the site's job once the saving transaction commits, unless one
    already waits: it finds every registrant behind, whatever changed."""

    def queue() -> None:
        waiting = DBTaskResult.objects.ready().filter(
            task_path=tell_participants.module_path, args_kwargs__args=[site.code]
        )
        if not waiting.exists():
            tell_participants.enqueue(site.code)

    transaction.on_commit(queue)

"""The alert jobs, run by the job queue (django-tasks' database backend).

One job per site and run: decide and send that site's digests, assemble and
send its bulletin when due, and send whatever an earlier run left waiting.
Jobs live in the public schema's queue and enter their site's schema
themselves; they take the site's code, never an object, so a job queued
before a restore or a rename still finds its site (or does nothing).
"""

from collections import Counter

from django.utils import timezone
from django_tasks import task
from django_tenants.utils import tenant_context

from alerts.models import Subscription
from alerts.services import bulletins, delivery, digests
from tenants.models import Site


@task()
def run_site(site_code: str) -> dict[str, int]:
    site = Site.objects.filter(code=site_code).first()
    if site is None or site.is_archived or site.status == Site.Status.TEMPLATE:
        return {}
    now = timezone.now()
    outcome: Counter = Counter()
    with tenant_context(site):
        for frequency in Subscription.Frequency.values:
            outcome.update(
                {f"{frequency} {k}": v for k, v in digests.decide(site, frequency, now).items()}
            )
        outcome.update(bulletins.run(site, now))
        outcome.update(delivery.send_pending(site, now=now))
    return dict(outcome)

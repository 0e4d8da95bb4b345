"""The demo's weekly bulletin, so that a demo site's archive
(``/<lang>/bulletins/``) and its feed show what a sent bulletin looks like.

The last week that ended before the demo is loaded (in the site's time
zone) is assembled and sent through the real service
(``alerts.services.bulletins``), as the Monday job would; the demo has no
subscribers, so it is archived and nothing is e-mailed. Loading the demo
again adds nothing; on a later day it sends that day's last week, if that
week has content (an empty week is never archived).
"""

from pathlib import Path

from django.db.models import F
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from alerts.models import Bulletin
from alerts.services import bulletins
from search.models import SearchDocument
from tenants.models import Site
from tenants.services.demo_data import shared_file

APP_DIR = Path(__file__).resolve().parent


def send_demo_bulletin(site: Site) -> str:
    """Assemble and send last week's bulletin; what was done, or "" if nothing."""
    now = timezone.now()
    _appeared_when_dated(now)
    monday = bulletins.last_week(site, now)
    week = bulletins.week_key(monday)
    if Bulletin.objects.filter(week=week).exclude(status=Bulletin.Status.DRAFT).exists():
        return ""
    bulletin = bulletins.assemble(site, monday)
    if not bulletins.keys(bulletin):
        return ""
    introduction = shared_file(APP_DIR, "bulletin").get("introduction", {})
    for language in site.languages:
        if introduction.get(language):
            setattr(
                bulletin,
                build_localized_fieldname("introduction", language),
                introduction[language],
            )
    bulletin.save()
    bulletins.send(site, bulletin, now=now)
    return f"weekly bulletin {week} sent ({len(bulletins.keys(bulletin))} items)"


def _appeared_when_dated(now) -> None:
    """The demo's news and listings went public on the dates the demo gives
    them ("today -3"), not when the loader wrote them all at once: a
    bulletin holds what appeared in its week. Nothing dated ahead moves."""
    SearchDocument.objects.filter(
        kind__in=("article", "opportunity"),
        is_public=True,
        dated_at__lte=now,
        public_since__gt=F("dated_at"),
    ).update(public_since=F("dated_at"))

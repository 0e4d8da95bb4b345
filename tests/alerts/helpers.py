"""Helpers of the alert tests: links out of e-mails, and the job run at a given moment."""

import datetime
import re
import zoneinfo
from urllib.parse import urlsplit

import time_machine
from django.conf import settings
from django.core.management import call_command

from tenants.models import Site

LINK = re.compile(r"https?://[^\s\"<>]+")


def links_in(text: str) -> list[str]:
    return LINK.findall(text)


def link_to(text: str, part: str) -> str:
    return next(link for link in links_in(text) if part in link)


def host_and_path(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.netloc, parts.path


def next_digest_moment(site: Site, *, days: int = 1, hour_offset: int = 1) -> datetime.datetime:
    """``days`` days from now, an hour after the digests of that day are due."""
    zone = zoneinfo.ZoneInfo(site.time_zone)
    local = datetime.datetime.now(zone) + datetime.timedelta(days=days)
    return local.replace(hour=settings.DIGEST_HOUR + hour_offset, minute=0, second=0, microsecond=0)


def run_jobs_at(moment: datetime.datetime, *sites: Site) -> None:
    with time_machine.travel(moment, tick=False):
        call_command("run_jobs", *[f"--site={site.code}" for site in sites], verbosity=0)

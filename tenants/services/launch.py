"""Launching a draft site, and the checklist of what a site needs first.

A new site is a draft (``Site.Status.DRAFT``): its staff see it with a
"not yet launched" notice, nobody else does, and the hub leaves it out. It
becomes public when :func:`launch` is called (``launch_site CODE``, or the
button on the site's checklist page) or when its launch date comes
(``SiteQuerySet.public`` reckons it; nothing needs to run that day).

The checklist is filled by the apps that own each thing: this module knows
the site's own settings; the content apps add theirs from
``AppConfig.ready()`` with :func:`register_step` (a first article, a
translator, a first event).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_context

from languages.columns import text_in
from tenants.launch_dates import launch_date_problem
from tenants.models import Site


class LaunchError(Exception):
    """A launch that cannot be done; the message is for the person asking."""


class ChecklistUnfinished(LaunchError):
    """The site's launch checklist has open items: launching anyway is the
    asking person's choice (``force``), never an accident. ``steps`` are the
    open items, in the checklist's order."""

    def __init__(self, steps: "list[LaunchStep]"):
        self.steps = steps
        super().__init__(", ".join(step.key for step in steps))


def local_today(site: Site, now: datetime.datetime | None = None) -> datetime.date:
    import zoneinfo

    return timezone.localtime(now or timezone.now(), zoneinfo.ZoneInfo(site.time_zone)).date()


@transaction.atomic
def launch(site: Site, *, on: datetime.date | None = None, now=None, force: bool = False) -> str:
    """Launch ``site`` now, or on the date ``on`` (in the site's time zone).

    Returns what happened, in words for the operator. Launching a site that
    is public already changes nothing. A draft whose checklist is unfinished
    raises :class:`ChecklistUnfinished` unless ``force``: an official expects
    to be told what is still missing before the public sees it, and may then
    open it anyway (a site is never held back by the list alone).
    """
    site = Site.objects.select_for_update().get(pk=site.pk)
    if site.status == Site.Status.ARCHIVED:
        raise LaunchError(_("An archived site cannot be launched; restore it first."))
    if site.status == Site.Status.TEMPLATE:
        raise LaunchError(_("The schema template is not a site."))
    today = local_today(site, now)
    problem = launch_date_problem(on)
    if problem:
        raise LaunchError(problem)
    if site.status != Site.Status.ACTIVE and not force:
        unfinished = open_steps(site)
        if unfinished:
            raise ChecklistUnfinished(unfinished)
    if on is not None and on > today:
        if site.status == Site.Status.ACTIVE:
            raise LaunchError(_("The site is launched already."))
        site.launched_on = on
        site.save(update_fields=["launched_on", "updated_at"])
        return "scheduled"
    if site.status == Site.Status.ACTIVE:
        return "unchanged"
    site.status = Site.Status.ACTIVE
    if site.launched_on is None or site.launched_on > today:
        site.launched_on = today
    site.save(update_fields=["status", "launched_on", "updated_at"])
    return "launched"


@dataclass(frozen=True)
class LaunchStep:
    """One thing a site should have before it opens.

    ``done(site)`` runs inside the site's schema (one query at most);
    ``url`` is the name of the page where it is done, reversed on the site
    (with ``anchor`` appended, e.g. ``#logo``); ``link(site)``, when given,
    builds it instead, for a page that depends on the site's rows (a
    standard page's change form, or its add form when none exists yet).
    """

    key: str
    label: Promise
    done: Callable[[Site], bool]
    url_name: str
    anchor: str = ""
    order: int = 100
    link: Callable[[Site], str] | None = None

    def url_for(self, site: Site) -> str:
        from django.urls import reverse

        return self.link(site) if self.link else reverse(self.url_name) + self.anchor


_STEPS: dict[str, LaunchStep] = {}


def register_step(step: LaunchStep) -> None:
    _STEPS[step.key] = step


def steps() -> list[LaunchStep]:
    return sorted(_STEPS.values(), key=lambda step: (step.order, step.key))


@dataclass
class ChecklistItem:
    step: LaunchStep
    done: bool
    url: str


def checklist(site: Site) -> list[ChecklistItem]:
    """Every registered step for ``site`` (call it in the site's schema)."""
    return [
        ChecklistItem(step=step, done=step.done(site), url=step.url_for(site)) for step in steps()
    ]


def open_steps(site: Site) -> list[LaunchStep]:
    """The checklist's items ``site`` has not done yet, from any schema."""
    with schema_context(site.schema_name):
        return [step for step in steps() if not step.done(site)]


def _in_every_language(site: Site, field: str) -> bool:
    return all(text_in(site, field, language).strip() for language in site.languages)


register_step(
    LaunchStep(
        key="tagline",
        label=_("A tagline in every language of the site"),
        done=lambda site: _in_every_language(site, "tagline"),
        url_name="site_settings",
        anchor="#tagline",
        order=10,
    )
)
register_step(
    LaunchStep(
        key="contact",
        label=_("A contact address, and contact details in every language of the site"),
        done=lambda site: bool(site.contact_email) and _in_every_language(site, "contact_details"),
        url_name="site_settings",
        anchor="#contact",
        order=20,
    )
)
register_step(
    LaunchStep(
        key="logo",
        label=_("The site's logo"),
        done=lambda site: bool(site.logo),
        url_name="site_settings",
        anchor="#logo",
        order=30,
    )
)

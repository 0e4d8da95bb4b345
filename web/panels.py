"""Parts of shared pages that content apps contribute, in a fixed order.

The two content apps never import each other, yet a member's dashboard lists
their event registrations (events) next to their questions and requests
(cooperation), and the home page shows news, listings and events. Each app
registers its panels from ``AppConfig.ready()``; the page renders them in
the order of their ``position``:

Dashboard (``DASHBOARD``), for a signed-in person:
  10 requests and matches · 20 trade opportunities · 30 event registrations ·
  40 questions · 50 subscriptions (alerts) — leave gaps for what comes next.

Home page (``HOME``), for every visitor:
  10 latest news · 20 upcoming events · 30 newest listings.

Key figures of the home page (``FIGURES``): each provider returns a list of
``(label, number, url)``.

The home keeps its panels and figures rendered as ``{% fragment %}`` parts
(per site, language and time zone, until the site changes): what a home
panel or figure shows must not depend on who is looking, nor hold a form.

A panel's ``context(request)`` returns the template's context, or None when
it has nothing to show for this visitor. Member details (``member_details``)
let a form of one app be pre-filled from another app's profile.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    key: str
    position: int
    template: str
    context: Callable[[HttpRequest], dict | None]


DASHBOARD: dict[str, Panel] = {}
HOME: dict[str, Panel] = {}
FIGURES: dict[str, Callable[[HttpRequest], list[tuple[str, int, str]]]] = {}
_DETAILS: list[Callable] = []


def register(page: dict[str, Panel], panel: Panel) -> None:
    """Add (or replace, by key: ``ready()`` may run twice in tests) a panel."""
    page[panel.key] = panel


def render_panels(page: dict[str, Panel], request: HttpRequest) -> SafeString:
    """Every panel of ``page`` with something to show, in order, as HTML."""
    parts = []
    for panel in sorted(page.values(), key=lambda panel: panel.position):
        context = panel.context(request)
        if context is not None:
            parts.append(render_to_string(panel.template, context, request=request))
    return mark_safe("".join(parts))  # rendered by templates, which escape


def figures(request: HttpRequest) -> list[tuple[str, int, str]]:
    return [figure for key in sorted(FIGURES) for figure in FIGURES[key](request)]


def register_member_details(provider: Callable) -> None:
    """``provider(user) -> dict`` of form values known about a signed-in person
    (name, email, organisation, country)."""
    if provider not in _DETAILS:
        _DETAILS.append(provider)


def member_details(user) -> dict:
    """What the site knows about ``user``, to pre-fill a form; {} if anonymous."""
    if not getattr(user, "is_authenticated", False):
        return {}
    details = {"name": user.get_full_name() or user.first_name, "email": user.email}
    for provider in _DETAILS:
        details.update({key: value for key, value in provider(user).items() if value})
    return {key: value for key, value in details.items() if value}

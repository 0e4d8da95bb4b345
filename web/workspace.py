"""The editors' workspace of a site, at ``/<lang>/editor/``: its navigation and
its dashboard of waiting work.

The workspace belongs to no content app: each app adds its pages and its
counts here from ``AppConfig.ready()``, so the shell (this module, the
dashboard view in ``web.workspace_views`` and the templates under
``web/templates/web/workspace/``) imports none of them.

**Adding a page**

1. Write the view. Send anonymous visitors to sign in first
   (``@login_required(login_url="account_login")``), then check access with
   ``web.permissions.require_perm(request, "app_label.codename")``.
2. Its template extends ``"web/workspace/base.html"``, sets
   ``{% block title %}`` (its name, a middle dot, ``{{ site.name }}``)
   and puts its ``<h1>`` and content in ``{% block workspace_content %}``.
   The navigation, the site's branding, the user's language and
   ``noindex`` come with it.
3. Give it an address under ``editor/`` in ``portal/urls_site.py``'s
   ``i18n_patterns`` (``path("editor/tasks/", …, name="translation_tasks")``).
4. In your ``AppConfig.ready()``::

       from web import workspace
       workspace.register_page(
           workspace.Page("translation_tasks", label, perm="i18n.view_translationtask", order=45)
       )

   with ``label`` a lazy translated string (``gettext_lazy``).

   The navigation shows it to people holding ``perm`` (the same permission
   the view checks), in ``order`` (dashboard 0, site settings 90, launch 95).

**Adding a dashboard count**

In your ``AppConfig.ready()``::

    workspace.register_count(
        workspace.Count("clashes", perm="coordination.view_clash", items=clash_items, order=60)
    )

where ``clash_items(site)`` runs in the site's schema and returns
:class:`Item`\\ s — a label in the active language (use ``gettext`` inside the
function, or lazy strings), the number, a link, and whether it is ``urgent``
(past a deadline: shown first, in the warning colour) and in which group it
belongs (``WAITING``: work that counts down as it is done; ``NEW``: what
arrived in the last :data:`NEW_DAYS` days). Keep it to one or two queries
whatever the amount of data: ``tests/web/test_workspace.py`` bounds the
dashboard's queries.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise

from tenants.models import Site

WAITING, NEW = "waiting", "new"
#: What counts as "new" on the dashboard.
NEW_DAYS = 7


@dataclass(frozen=True)
class Page:
    url_name: str
    label: Promise
    perm: str
    order: int = 100


@dataclass
class Item:
    label: str
    count: int
    url: str = ""
    urgent: bool = False
    group: str = WAITING


@dataclass(frozen=True)
class Count:
    key: str
    perm: str
    items: Callable[[Site], Iterable[Item]]
    order: int = 100


_PAGES: dict[str, Page] = {}
_COUNTS: dict[str, Count] = {}


def register_page(page: Page) -> None:
    _PAGES[page.url_name] = page


def register_count(count: Count) -> None:
    _COUNTS[count.key] = count


def pages_for(user) -> list[Page]:
    """The workspace pages ``user`` may open, in navigation order."""
    return sorted(
        (page for page in _PAGES.values() if user.has_perm(page.perm)),
        key=lambda page: (page.order, page.url_name),
    )


def counts_for(user) -> list[Count]:
    return sorted(
        (count for count in _COUNTS.values() if user.has_perm(count.perm)),
        key=lambda count: (count.order, count.key),
    )


def may_enter(user) -> bool:
    """Whether ``user`` has anything to do in the workspace: staff status alone
    is not enough, a role must give them a page or a count."""
    return user.is_active and user.is_staff and bool(pages_for(user) or counts_for(user))


def since_new(now: datetime.datetime | None = None) -> datetime.datetime:
    """The start of the "new" window."""
    return (now or timezone.now()) - datetime.timedelta(days=NEW_DAYS)


def dashboard_items(site: Site, user) -> dict[str, list[Item]]:
    """Every item the user's counts give, by group: waiting work first (what
    is past a deadline before the rest), then what is done (zero)."""
    groups: dict[str, list[Item]] = {WAITING: [], NEW: []}
    for count in counts_for(user):
        for item in count.items(site):
            groups.setdefault(item.group, []).append(item)
    for items in groups.values():
        items.sort(key=lambda item: (item.count == 0, not item.urgent))
    return groups

"""What a fresh worker would otherwise do on its first requests, done before
it takes any: gunicorn's ``post_worker_init`` (deploy/gunicorn.conf.py) calls
:func:`warm` once the portal is loaded.

A worker imports the URL configurations (and through them every view) on
its first request, builds each language's reverse table on its first
address in that language, and compiles each template the first time one of
its pages uses it. Measured on the benchmark database (a fresh worker with
deploy/gunicorn.conf.py, median of 5): the first request took ~430 ms of
the worker's CPU, each page type's first one 20–50 ms more; under load
these first renders of five workers sat at the events list's p99 (~200 ms).
Each site language's country names, sorted as that language sorts them,
are built here too (~0.3 s, most of it pinyin's dictionaries; ~60 MiB a
worker that a Chinese page with a country field would load anyway).
Here they cost the worker ~0.65 s of CPU before it accepts a request (the
other workers serve meanwhile), and what is compiled is kept frozen with
the rest (gc.freeze after this). Nothing here is a site's data: the site
languages are read only to know which reverse tables and country lists to
build.
"""

import logging
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

from languages import formatting

logger = logging.getLogger(__name__)


def warm() -> None:
    """Routes, catalogs, templates and country names loaded as the first
    requests would.

    Never raises: gunicorn stops the whole server (not just the worker) when
    post_worker_init fails, so a template or view that cannot load is left,
    logged, for the request that needs it to fail, as without warming."""
    languages = site_languages()
    try:
        for urlconf in {settings.ROOT_URLCONF, getattr(settings, "PUBLIC_SCHEMA_URLCONF", None)}:
            if urlconf:
                _routes(urlconf, languages)
    except Exception:
        logger.exception("routes not warmed")
    try:
        for language in languages:
            # ~250 names sorted in each language's order on a form's first
            # use: the first Chinese event page took 220-320 ms of a fresh
            # worker's CPU (pinyin's dictionaries loaded). Loaded here they
            # are also frozen with the rest: loaded by a request, their
            # ~194,000 objects made each full collection ~40-50 ms, one
            # about every 1,000 mixed requests (bench/http.py's site).
            formatting.country_choices(language)
    except Exception:
        logger.exception("country names not warmed")
    for name in project_templates():
        try:
            engines["django"].engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            # A partial that is not a whole template: compiled when used, as before.
            logger.warning("template %s not compiled ahead", name)
        except Exception:  # a file not in UTF-8, half written during a deploy…
            logger.exception("template %s not compiled ahead", name)


def site_languages() -> list[str]:
    """The languages the sites offer (each site's, the hub's default), or the
    default alone if the database cannot say (a worker starts anyway)."""
    from tenants.models import Site

    languages = {settings.LANGUAGE_CODE}
    offered = {code for code, _ in settings.LANGUAGES}
    try:
        with transaction.atomic():
            # A locked or hanging database must not hold a starting worker
            # past gunicorn's timeout (it would be killed and started again).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = '2s'; SET LOCAL lock_timeout = '2s'")
            for codes in Site.objects.values_list("languages", flat=True):
                languages.update(code for code in codes or () if code in offered)
    except Exception:  # no database, or none allowed: the worker starts anyway
        logger.warning("site languages not read: routes warmed for %s only", settings.LANGUAGE_CODE)
        connections.close_all()
    return sorted(languages)


def _routes(urlconf: str, languages: Iterable[str]) -> None:
    resolver = get_resolver(urlconf)
    resolver.url_patterns  # noqa: B018 (imports the configuration and its views)
    for language in languages:
        # i18n_patterns: one reverse table per active language.
        with translation.override(language):
            resolver.reverse_dict  # noqa: B018
            resolver.namespace_dict  # noqa: B018


#: Not on a visitor's page: compiled when used, as before.
_NOT_PAGES = ("emails", "admin")


def project_templates() -> list[str]:
    """The names of the project's own page templates (not the installed
    packages', nor e-mails or the admin's: compiled when used)."""
    root = Path(settings.BASE_DIR).resolve()
    names: set[str] = set()
    for loader in engines["django"].engine.template_loaders:
        for inner in getattr(loader, "loaders", [loader]):
            for folder in inner.get_dirs():
                folder = Path(folder).resolve()
                if not folder.is_relative_to(root) or ".venv" in folder.parts:
                    continue
                for path in folder.rglob("*.html"):
                    name = path.relative_to(folder)
                    if not set(name.parts) & set(_NOT_PAGES):
                        names.add(name.as_posix())
    return sorted(names)

"""A newcomer's walk at phone width, in Indonesian: long labels and long
words (a pasted query, a long title) never push a page sideways."""

import pytest
from django_tenants.utils import schema_context

from tenants.models import Site
from tests.e2e.test_layout import open_page

pytestmark = pytest.mark.e2e


def _detail_paths(django_db_blocker) -> list[str]:
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-id")
        with schema_context(site.schema_name):
            from cooperation.models import Enterprise, Opportunity

            listing = Opportunity.objects.open().order_by("pk").first()
            enterprise = Enterprise.objects.filter(is_listed=True).order_by("pk").first()
    return [f"/id/opportunities/{listing.pk}/", f"/id/enterprises/{enterprise.slug}/"]


@pytest.mark.parametrize("width", [390, 1280])
def test_detail_blocks_and_echoed_text_stay_within_the_screen(
    browser, live_port, django_db_blocker, width
):
    long_query = "kopi" * 600
    paths = [
        "/id/events/china-asean-expo/",
        *_detail_paths(django_db_blocker),
        f"/id/search/?q={long_query}",
        f"/id/search/?q={long_query}&type=opportunity",
    ]
    context, page = open_page(browser, width, locale="id-ID")
    problems = []
    for path in paths:
        page.goto(f"http://cn-id.localhost:{live_port}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{path[:60]} at {width}px scrolls sideways by {overflow}px")
        # Nothing is cut either: every fact's value fits its box.
        cut = page.evaluate(
            """() => [...document.querySelectorAll('.event__facts dd, .event__facts dt, h1, p')]
                .filter(el => el.scrollWidth > el.clientWidth + 1)
                .map(el => el.textContent.trim().slice(0, 40))"""
        )
        problems += [f"{path[:60]} at {width}px: cut {text!r}" for text in cut]
    page.screenshot(path=f"test-artifacts/walk-layout-{width}.png", full_page=False)
    context.close()
    assert problems == []

"""The hub's lists look like lists of cards on a phone and a desk (no
dangling bullets, nothing wider than the screen), its icon loads, and the
pages stay axe-clean."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_accessibility import serious

pytestmark = pytest.mark.e2e

PAGES = ["/vi/", "/vi/events/", "/vi/search/?q=ca+phe"]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_hub_lists_are_cards_with_no_bullets_and_fit_the_screen(page_in, live_port, width):
    page = page_in("vi-VN")
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for path in PAGES:
        page.goto(f"http://localhost:{live_port}{path}")
        items = page.locator(".hub-item")
        expect(items.first).to_be_visible()
        markers = items.evaluate_all(
            "(items) => items.map((item) => item.parentElement.tagName === 'UL'"
            " ? getComputedStyle(item).listStyleType : 'none')"
        )
        assert set(markers) == {"none"}, path
        # A card: its own background, clear of the page's edge.
        assert items.first.evaluate("(item) => getComputedStyle(item).backgroundColor") not in {
            "rgba(0, 0, 0, 0)",
            "transparent",
        }
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        problems += serious(page)
        name = path.strip("/").replace("/", "-").replace("?q=", "-").replace("+", "-")
        page.screenshot(path=ARTIFACTS / f"hub-look-{name}-{width}.png", full_page=True)
    assert problems == []


def test_the_hub_and_a_site_show_the_portals_icon(page_in, live_port):
    page = page_in("vi-VN")
    for host, path in (("localhost", "/vi/"), ("cn-vn.localhost", "/vi/")):
        page.goto(f"http://{host}:{live_port}{path}")
        # Fetched by the page itself (Playwright's own requests cannot resolve *.localhost).
        answers = page.evaluate(
            """async () => Promise.all(['link[rel="icon"]', 'link[rel="apple-touch-icon"]'].map(
                async (selector) => {
                    const response = await fetch(document.querySelector(selector).href)
                    return [response.status, response.headers.get("content-type")]
                }))"""
        )
        assert answers == [[200, "image/svg+xml"], [200, "image/png"]], host


# The first thing on each line of an item's meta line (site, date, co-hosts),
# in reading order: a "·" there separates nothing.
LINE_STARTS_JS = """
(meta) => {
  const rtl = getComputedStyle(meta).direction === "rtl"
  const atoms = []
  for (const child of meta.children) {
    const walker = document.createTreeWalker(child, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let index = 0; index < node.data.length; index++) {
        if (!node.data[index].trim()) continue
        const range = document.createRange()
        range.setStart(node, index)
        range.setEnd(node, index + 1)
        const rect = range.getClientRects()[0]
        if (rect) atoms.push({ text: node.data[index], top: Math.round(rect.top), x: rtl ? -rect.right : rect.left })
      }
    }
  }
  const lines = new Map()
  for (const atom of atoms) {
    const line = [...lines.keys()].find((top) => Math.abs(top - atom.top) < 6) ?? atom.top
    if (!lines.has(line) || lines.get(line).x > atom.x) lines.set(line, atom)
  }
  return [...lines.values()].map((atom) => atom.text)
}
"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["vi", "en", "ar"])
def test_no_line_of_a_hub_event_card_starts_with_a_stray_dot(page_in, live_port, width, language):
    """At 390 px a co-hosted event's "co-hosted with" note wrapped to a line
    of its own, which began with the "·" that had separated it from the date."""
    page = page_in(language)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"http://localhost:{live_port}/{language}/events/")
    cohosted = page.locator(".hub-item__meta", has=page.locator(".hub-item__cohosts"))
    expect(cohosted.first).to_be_visible()
    for meta in cohosted.all():
        starts = meta.evaluate(LINE_STARTS_JS)
        assert "·" not in starts, (meta.inner_text(), starts)
    page.screenshot(path=ARTIFACTS / f"hub-events-cohosts-{language}-{width}.png", full_page=True)

"""The editors' clash page: its Open / Resolved / All choice is one group of
links that wraps as a whole, at phone and desktop width.

Last session's German walk saw them on a phone one under the other, with a
separator dot left at the end of each line ("Offen ·", "Erledigt ·"): the
page's filter row turns into a column below 40rem, which suits a form's
fields, not three links. They are now the same list of links as a page's
other choices (a category, a calendar view), the one shown marked, with no
separator characters to strand.
"""

import itertools

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, person_on, sign_in
from tests.e2e.test_accessibility import serious

pytestmark = pytest.mark.e2e

EDITOR = "clash-filters@cn-vn.example"


@pytest.fixture
def cn_vn_clash_editor(django_db_blocker):
    with person_on(django_db_blocker, "site_cn_vn", EDITOR, group="Editors", is_staff=True):
        yield


@pytest.mark.parametrize("width", [390, 1280])
def test_the_clash_states_are_one_wrapped_group_of_links(
    browser, live_port, cn_vn_clash_editor, width
):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="vi-VN")
    page = context.new_page()
    try:
        site = f"http://cn-vn.localhost:{live_port}"
        sign_in(page, f"{site}/admin/login/", EDITOR)
        page.goto(f"{site}/vi/editor/clashes/?state=resolved")
        with translation.override("vi"):
            name, *states = (
                translation.gettext(text) for text in ("Clashes", "Open", "Resolved", "All")
            )
        nav = page.get_by_role("navigation", name=name, exact=True)
        links = nav.get_by_role("link")
        expect(links).to_have_text(states)
        # Nothing but the links: no separator left at a line's end or start.
        assert nav.evaluate("n => n.innerText.replace(/\\s+/g, ' ').trim()") == " ".join(states)
        expect(nav.get_by_role("link", name=states[1])).to_have_attribute("aria-current", "page")
        boxes = [links.nth(i).bounding_box() for i in range(3)]
        # Side by side on one line at both widths (three short words), each
        # a finger's height, and the one shown looks chosen.
        assert len({round(box["y"]) for box in boxes}) == 1, boxes
        assert all(box["height"] >= 44 for box in boxes), boxes
        assert all(a["x"] + a["width"] < b["x"] for a, b in itertools.pairwise(boxes))
        chosen, other = (
            nav.get_by_role("link", name=text).evaluate("a => getComputedStyle(a).backgroundColor")
            for text in states[1:3]
        )
        assert chosen != other
        assert serious(page) == []
        page.screenshot(path=ARTIFACTS / f"clash-filters-{width}.png", full_page=True)
    finally:
        context.close()

"""A long note is never cut without a word. The clash comment field used a
2,000-character ``maxlength``: Chromium dropped the end of a longer pasted
note, and the editor never knew. Now the limit is said beside the field in
the editor's language; past it, that line says how long the text is, in
the server's words, as the text is pasted; sent anyway, the server refuses
it readably and shows the whole text again to shorten."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from languages.formatting import format_number
from tests.e2e.conftest import ARTIFACTS, person_on, sign_in
from tests.e2e.test_accessibility import serious

pytestmark = pytest.mark.e2e

EDITOR = "long-note@cn-id.example"
# 2,556 characters, its end recognisable.
NOTE = "Paviliun Indonesia dipindahkan ke hari berikutnya. " * 50 + "AKHIR."


@pytest.fixture
def cn_id_editor(django_db_blocker):
    with person_on(django_db_blocker, "site_cn_id", EDITOR, group="Editors", is_staff=True):
        yield


def _said(text: str, **values) -> str:
    with translation.override("id"):
        return translation.gettext(text) % values


@pytest.mark.parametrize("width", [390, 1280])
def test_a_pasted_long_note_is_kept_whole_and_refused_readably(
    browser, live_port, cn_id_editor, width
):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="id-ID")
    page = context.new_page()
    try:
        site = f"http://cn-id.localhost:{live_port}"
        sign_in(page, f"{site}/admin/login/", EDITOR)
        page.goto(f"{site}/id/editor/clashes/")
        form = page.locator("form.clash-action").first
        field = form.locator("textarea")
        limit = form.locator(".note-limit")
        expect(limit).to_have_text(_said("At most %(limit)s characters.", limit="2.000"))

        field.focus()
        page.keyboard.insert_text(NOTE)  # as a paste: maxlength would have cut it
        expect(field).to_have_value(NOTE)
        too_long = _said(
            "Write at most %(limit)s characters (this text has %(count)s).",
            limit=format_number(2000, "id"),
            count=format_number(len(NOTE), "id"),
        )
        expect(limit).to_have_text(too_long)
        expect(limit).to_have_class(re.compile(r"note-limit--over"))
        expect(field).to_have_attribute("aria-invalid", "true")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=ARTIFACTS / f"long-note-typed-{width}.png", full_page=True)

        form.get_by_role("button").click()
        # Refused, beside the same clash, the whole text there to shorten.
        form = page.locator("form.clash-action").filter(has=page.locator("[role=alert]"))
        expect(form.get_by_role("alert")).to_have_text(too_long)
        expect(form.locator("textarea")).to_have_value(NOTE)
        # Said once, above the field: the line below keeps to the limit.
        expect(form.locator(".note-limit")).to_have_text(
            _said("At most %(limit)s characters.", limit="2.000")
        )
        assert serious(page) == []
        page.screenshot(path=ARTIFACTS / f"long-note-refused-{width}.png", full_page=True)

        # Still too long as it is edited: the line below follows the count;
        # shortened below the limit, it says the limit again.
        form.locator("textarea").fill(NOTE[:2100])
        expect(form.locator(".note-limit")).to_have_text(
            _said(
                "Write at most %(limit)s characters (this text has %(count)s).",
                limit=format_number(2000, "id"),
                count=format_number(len(NOTE[:2100].strip()), "id"),
            )
        )
        form.locator("textarea").fill(NOTE[:1900])
        expect(form.locator(".note-limit")).to_have_text(
            _said("At most %(limit)s characters.", limit="2.000")
        )
    finally:
        context.close()

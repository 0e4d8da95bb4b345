"""On a right-to-left page, text marked as a left-to-right language runs
left to right: the Arabic hub showed English and Chinese excerpts with their
full stop at the start of the line (a newcomer's walk)."""

from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "portal" / "site.css"

pytestmark = pytest.mark.e2e


def test_foreign_text_on_an_arabic_page_keeps_its_own_direction(page_in):
    page = page_in("ar")
    page.set_content(
        f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><style>{CSS.read_text()}</style></head>"
        "<body><p id='ar'>نص عربي.</p><p id='en' lang='en'>Monthly order, CIF Guangzhou.</p>"
        "<p>عنوان <a id='zh' lang='zh-hans' href='#'>报名截止后。</a></p></body></html>"
    )

    def direction(element: str) -> str:
        return page.eval_on_selector(element, "e => getComputedStyle(e).direction")

    assert direction("#ar") == "rtl"
    assert direction("#en") == "ltr" and direction("#zh") == "ltr"
    # The full stop is drawn at the right end of the English line, as in English.
    box = page.eval_on_selector(
        "#en",
        """e => { const r = document.createRange(); const t = e.firstChild;
                  r.setStart(t, t.length - 1); r.setEnd(t, t.length);
                  const dot = r.getBoundingClientRect(); r.setStart(t, 0); r.setEnd(t, 1);
                  return [dot.left, r.getBoundingClientRect().left]; }""",
    )
    assert box[0] > box[1]

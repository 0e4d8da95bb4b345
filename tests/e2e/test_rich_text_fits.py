"""Rich text is never wider than its column, and the translators' tasks fit a phone.

A newcomer's walk inserted an 800 px photo with the editor: the Korean
article became 872 px wide on a 390 px phone, the translator's side-by-side
page 884 px, and at 1280 px the source's photo spilled over the translation
column. The translation tasks table scrolled sideways inside its box on a
phone, hiding the language, the reason and the date.
"""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from django_tenants.utils import schema_context
from PIL import Image

from cooperation.models import Article, SitePage
from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import serious
from tests.factories.articles import make_article
from tests.factories.events import make_event

pytestmark = pytest.mark.e2e

LONG_URL = "https://www.kotra.or.kr/" + "subList/20000020753/" * 8 + "?page=1&searchType=all"


def wide_body(image: str) -> str:
    return (
        "<p>한중 무역 박람회가 열립니다.</p>"
        f'<figure><img src="{image}" alt="박람회장 전경"><figcaption>'
        "박람회장 전경: 전시장 A동과 B동, 그리고 야외 전시 구역"
        + "가"
        * 80
        + "</figcaption></figure>"
        f'<p>자세한 안내: <a href="{LONG_URL}">{LONG_URL}</a></p>'
        "<table><tbody><tr>"
        + "".join(f"<th>수출 품목 {n}</th>" for n in range(8))
        + "</tr><tr>"
        + "".join(f"<td>건조 과일 {n}</td>" for n in range(8))
        + "</tr></tbody></table>"
        "<pre>" + "x" * 200 + "</pre>"
    )


@pytest.fixture
def wide_content(korea_site, django_db_blocker):
    """An article, an event and the about page of cn-kr, each with an 800 px
    photo, a long address, a wide table and a long preformatted line."""
    with django_db_blocker.unblock(), schema_context(korea_site.schema_name):
        data = BytesIO()
        Image.new("RGB", (800, 300), (0, 52, 120)).save(data, format="PNG")
        name = default_storage.save(
            f"{korea_site.schema_name}/inline/expo800.png", ContentFile(data.getvalue())
        )
        image = default_storage.url(name)
        body = wide_body(image)
        article = make_article(slug="expo-2031", texts={"ko": "한중 무역 박람회 2031"})
        article.body_ko = body
        article.save()
        event = make_event(slug="expo-2031", titles={"ko": "한중 무역 박람회"})
        event.description_ko = body
        event.save()
        SitePage.objects.update_or_create(
            kind="about", defaults={"title_ko": "소개", "body_ko": body}
        )
        assert "<img " in Article.objects.get(pk=article.pk).body_ko  # kept by the cleaning
    return {"article": article}


OVERFLOWS = """(selector) => {
  const found = []
  for (const column of document.querySelectorAll(selector)) {
    const edge = column.getBoundingClientRect().right + 1
    for (const el of column.querySelectorAll('img, figure, figcaption, .rich-table, table, a, pre, p')) {
      // A table wider than the column scrolls inside its box: the box counts.
      if (el.closest('.rich-table') && !el.classList.contains('rich-table')) continue
      const right = el.getBoundingClientRect().right
      if (right > edge) found.push(`${el.tagName} ${Math.round(right)} > ${Math.round(edge)}`)
    }
  }
  return found
}"""


WIDEST = """(width) => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > width + 1)
  .slice(0, 8).map(el => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)"""


def page_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_images_tables_and_long_addresses_stay_inside_their_column(
    browser, live_port, wide_content, width
):
    site = f"http://cn-kr.localhost:{live_port}"
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="ko-KR")
    page = context.new_page()
    for path, column in (
        ("/ko/news/expo-2031/", ".article__body"),
        ("/ko/events/expo-2031/", ".rich-text"),
        ("/ko/about/", ".article__body"),
    ):
        page.goto(f"{site}{path}")
        image = page.locator(f"{column} img").first
        assert image.evaluate("img => img.complete && img.naturalWidth") == 800, path
        assert page_width(page) <= width, (path, page_width(page))
        assert page.evaluate(OVERFLOWS, column) == [], path
        page.screenshot(
            path=f"test-artifacts/rich-text-fits-{path.strip('/').replace('/', '-')}-{width}.png",
            full_page=True,
        )

    # The translator's page: the source beside its translation in the editor.
    sign_in(page, f"{site}/admin/login/", "translator@cn-kr.example.org")
    article = wide_content["article"]
    page.goto(f"{site}/ko/editor/translations/cooperation.article/{article.pk}/zh-hans/")
    page.locator(".translate-field__target .ProseMirror img").first.wait_for()
    # Measured once the editor and its pictures have settled: a full run once
    # measured 1034 px mid-way, which no later look at the page showed again.
    page.wait_for_load_state("networkidle")
    assert page_width(page) <= width, (page_width(page), page.evaluate(WIDEST, width))
    assert page.evaluate(OVERFLOWS, ".translate-field__text") == []
    assert page.evaluate(OVERFLOWS, ".translate-field__target .ProseMirror") == []
    if width == 1280:
        # Side by side: the source's photo ends before the translation begins.
        source = page.locator("#field-body .translate-field__text img").bounding_box()
        target = page.locator("#field-body .translate-field__target").bounding_box()
        assert source["x"] + source["width"] <= target["x"], (source, target)
    assert serious(page) == []
    page.screenshot(path=f"test-artifacts/rich-text-fits-side-by-side-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_translation_tasks_fit_a_phone_without_scrolling_sideways(
    browser, live_port, wide_content, width
):
    site = f"http://cn-kr.localhost:{live_port}"
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="ko-KR")
    page = context.new_page()
    sign_in(page, f"{site}/admin/login/", "translator@cn-kr.example.org")
    page.goto(f"{site}/ko/editor/translations/tasks/?language=zh-hans")
    rows = page.locator("tr.task")
    assert rows.count() >= 1
    # Nothing hides in a sideways scroller, nothing leaves the screen.
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('.table-scroll, .tasks, .tasks tbody, .tasks tbody *')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
            ".map(e => e.tagName + '.' + e.className)"
        )
        == []
    )
    cells = page.locator("tr.task td")
    for n in range(cells.count()):
        box = cells.nth(n).bounding_box()
        if box:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, n
    assert page_width(page) <= width
    with translation.override("ko"):
        into, why, since = (translation.gettext(w) for w in ("Into", "Why", "Waiting since"))
    if width == 390:
        # Stacked: each figure says what it is, as the status tables do.
        labels = page.locator("tr.task td").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)"
        )
        for word in (into, why, since):
            assert any(word in label for label in labels), (word, labels)
        # The checkbox to choose a task is still there, and large enough to press.
        box = page.locator("tr.task input[type=checkbox]").first.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
    else:
        assert page.get_by_role("columnheader", name=into).is_visible()
    assert serious(page) == []
    page.screenshot(path=f"test-artifacts/translation-tasks-{width}.png", full_page=True)
    context.close()

"""Tables in the translator's side-by-side box are drawn alike on both
sides, by the rule that draws them for readers: ruled cells, and a row with
nothing in it yet keeps a line's height.

A newcomer's walk translated a Korean article with a table whose last rows
were still empty: in the side-by-side box the cells had no borders, their
words ran together ("연도 수출액") and the empty rows collapsed, while the
same editor in the admin drew the grid.
"""

import pytest
from django_tenants.utils import schema_context

from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import serious
from tests.factories.articles import make_article

pytestmark = pytest.mark.e2e

TABLE = (
    "<p>올해 김치 수출이 늘었다.</p>"
    "<table><tbody><tr><td><p>연도</p></td><td><p>수출액</p></td><td><p></p></td></tr>"
    "<tr><td><p></p></td><td><p></p></td><td><p></p></td></tr>"
    "<tr><td><p>2025</p></td><td><p>1억 달러</p></td><td><p></p></td></tr></tbody></table>"
)

CELLS = """(selector) => [...document.querySelectorAll(selector)].map(cell => {
  const style = getComputedStyle(cell)
  return {
    border: `${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor}`,
    left: `${style.borderLeftStyle} ${style.borderLeftWidth}`,
    padding: style.paddingInlineStart,
    height: cell.getBoundingClientRect().height,
  }
})"""


@pytest.fixture
def kimchi(korea_site, django_db_blocker):
    with django_db_blocker.unblock(), schema_context(korea_site.schema_name):
        article = make_article(slug="kimchi-table", texts={"ko": "김치 수출"})
        article.body_ko = TABLE
        article.save()
    yield article
    with django_db_blocker.unblock(), schema_context(korea_site.schema_name):
        article.delete()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_side_by_side_box_draws_the_tables_grid_as_the_admin_does(
    browser, live_port, kimchi, width
):
    site = f"http://cn-kr.localhost:{live_port}"
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    sign_in(page, f"{site}/admin/login/", "translator@cn-kr.example.org")

    page.goto(f"{site}/zh-hans/editor/translations/cooperation.article/{kimchi.pk}/zh-hans/")
    target = "#field-body .translate-field__target .ProseMirror td"
    page.locator(target).first.wait_for()
    cells = page.evaluate(CELLS, target)
    source = page.evaluate(CELLS, "#field-body .translate-field__text td")
    assert len(cells) == len(source) == 9
    for cell in cells:
        style, px = cell["border"].split()[:2]
        assert style == "solid" and float(px.removesuffix("px")) >= 1, cell
        assert cell["left"].startswith("solid"), cell
        assert float(cell["padding"].removesuffix("px")) >= 4, cell
    # The same lines and room on both sides, and the empty row (the second)
    # as tall as a written one on both.
    assert {(c["border"], c["left"], c["padding"]) for c in cells} == {
        (c["border"], c["left"], c["padding"]) for c in source
    }
    for side in (cells, source):
        assert side[3]["height"] >= 0.9 * side[0]["height"], side
    assert serious(page) == []
    page.locator("#field-body").screenshot(path=f"test-artifacts/translation-table-{width}.png")

    # The admin's editor draws its grid too (django-prose-editor's own).
    page.goto(f"{site}/admin/cooperation/article/{kimchi.pk}/change/")
    page.locator(".ProseMirror td").first.wait_for()
    in_admin = page.evaluate(CELLS, ".ProseMirror td")
    assert all(cell["border"].startswith("solid") for cell in in_admin), in_admin
    context.close()

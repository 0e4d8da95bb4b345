"""Tables written in the rich-text editor read as tables on the public page:
ruled cells with room around the words, header cells set apart, and a table
wider than a phone scrolls inside the article (which says so to the
keyboard and to screen readers), never the page."""

import pytest
from django.utils import translation
from django_tenants.utils import schema_context

from cooperation.models import Article
from tenants.models import Site
from tests.e2e.test_accessibility import serious
from tests.e2e.test_layout import open_page
from tests.factories.articles import make_article

pytestmark = pytest.mark.e2e

SMALL = (
    "<table><tbody><tr><th>Ngày</th><th>Địa điểm</th><th>Đăng ký</th></tr>"
    "<tr><td><p>20/12</p></td><td><p>Hà Nội</p></td><td><p>Có</p></td></tr>"
    "<tr><td><p>21/12</p></td><td><p>Nam Ninh</p></td><td><p>Không</p></td></tr></tbody></table>"
)
WIDE = (
    "<table><tbody><tr>"
    + "".join(f"<th>Mặt hàng xuất khẩu {n}</th>" for n in range(8))
    + "</tr><tr>"
    + "".join(f"<td>Hạt điều rang muối loại {n}</td>" for n in range(8))
    + "</tr></tbody></table>"
)


@pytest.fixture
def article_with_tables(django_db_blocker):
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            article = make_article(slug="bang-gia-2031", texts={"vi": "Bảng lịch và giá"})
            article.body_vi = f"<p>Lịch hội chợ:</p>{SMALL}<p>Giá tham khảo:</p>{WIDE}"
            article.save()
    yield "/vi/news/bang-gia-2031/"
    with django_db_blocker.unblock(), schema_context(site.schema_name):
        Article.objects.filter(slug="bang-gia-2031").delete()


CELLS = """() => [...document.querySelectorAll('.article__body table')].map(table => {
  const box = table.closest('.rich-table');
  const th = getComputedStyle(table.querySelector('th'));
  const td = getComputedStyle(table.querySelector('td'));
  return {
    border: td.borderTopStyle !== 'none' && parseFloat(td.borderTopWidth) >= 1
            && th.borderTopStyle !== 'none',
    padding: parseFloat(td.paddingInlineStart) >= 4 && parseFloat(td.paddingTop) >= 2,
    headerApart: th.backgroundColor !== td.backgroundColor && parseInt(th.fontWeight) >= 600,
    align: td.textAlign,
    wrapped: !!box,
    focusable: box ? box.tabIndex === 0 : false,
    name: box ? box.getAttribute('aria-label') : '',
    scrollsInside: box ? box.scrollWidth > box.clientWidth + 1 : false,
  };
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_article_tables_are_ruled_and_scroll_inside_the_article_on_a_phone(
    browser, live_port, article_with_tables, width
):
    context, page = open_page(browser, width)
    page.goto(f"http://cn-vn.localhost:{live_port}{article_with_tables}")
    small, wide = page.evaluate(CELLS)
    with translation.override("vi"):
        names = [translation.gettext("Table %(number)s") % {"number": n} for n in (1, 2)]
    for table, name in ((small, names[0]), (wide, names[1])):
        assert table["border"] and table["padding"] and table["headerApart"], table
        assert table["align"] == "start", table  # right-to-left languages align to their start
        assert table["wrapped"] and table["focusable"] and table["name"] == name, table
    assert not small["scrollsInside"]
    assert wide["scrollsInside"] == (width == 390)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert serious(page) == []
    page.screenshot(path=f"test-artifacts/article-tables-{width}.png", full_page=True)
    context.close()

"""A Vietnamese reader follows a Spanish link to China–Vietnam (which has no
Spanish): the 404 reads in Vietnamese and leads on to the same page in each
of the site's languages, at a phone's width and a desktop's."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [390, 1280])
def test_a_spanish_link_leads_a_vietnamese_reader_on(browser, live_port, width, request):
    from tests.e2e.conftest import ARTIFACTS

    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        response = page.goto(f"http://cn-vn.localhost:{live_port}/es/news/")

        assert response.status == 404
        assert page.get_attribute("html", "lang") == "vi"
        with translation.override("vi"):
            title = translation.gettext("Read this page in:")
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        ways = page.locator(".error-page__ways a")
        expect(ways).to_have_count(3)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)

        page.locator('.error-page__ways a[lang="vi"]').click()

        expect(page).to_have_url(f"http://cn-vn.localhost:{live_port}/vi/news/")
    finally:
        context.close()

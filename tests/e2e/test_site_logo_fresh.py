"""An administrator uploads a logo at /<lang>/editor/site/ and sees it at
once, in the header and the settings preview, in the same browser that
showed the old one a moment ago (its addresses carry a version, so no
cached copy of the old one stands in: tenants.services.branding)."""

import io

import pytest
from django_tenants.utils import schema_context
from PIL import Image
from playwright.sync_api import expect

from tenants.models import Site
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.e2e.test_workspace_phone import ADMIN, cn_vn_admin  # noqa: F401

# Unlike any site's colours around the badge.
PURPLE = (120, 40, 220)

pytestmark = pytest.mark.e2e


@pytest.fixture
def logo_kept(django_db_blocker):
    """Put China–Vietnam's logo back as it was after the test."""
    with django_db_blocker.unblock():
        before = Site.objects.get(code="cn-vn").logo.name
    yield
    with django_db_blocker.unblock(), schema_context("public"):
        Site.objects.filter(code="cn-vn").update(logo=before)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_new_logo_shows_at_once_in_the_header_and_the_preview(
    browser,
    live_port,
    cn_vn_admin,  # noqa: F811
    logo_kept,
    tmp_path,
    width,
):
    wide = tmp_path / "wide.png"
    Image.new("RGB", (120, 60), PURPLE).save(wide, format="PNG")
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    site = f"http://cn-vn.localhost:{live_port}"
    sign_in(page, f"{site}/admin/login/", ADMIN)
    page.goto(f"{site}/vi/editor/site/")
    header, preview = page.locator("img.brand__logo"), page.locator("img.settings-logo")
    before = header.get_attribute("src")
    assert preview.get_attribute("src") == before

    page.locator("input[type=file][name=logo]").set_input_files(wide)
    with page.expect_navigation():
        page.locator('form[enctype="multipart/form-data"] button[type=submit]').click()
    page.goto(f"{site}/vi/editor/site/")

    after = header.get_attribute("src")
    assert after != before and preview.get_attribute("src") == after
    # The picture drawn is the uploaded one (120 × 60), not the old badge.
    expect(header).to_have_js_property("naturalWidth", 120)
    expect(preview).to_have_js_property("naturalWidth", 120)
    # Drawn in proportion inside the round badge, not squeezed to a circle.
    for logo in (header, preview):
        assert 1.7 <= _drawn_ratio(logo.screenshot()) <= 2.3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"site-logo-saved-{width}.png", full_page=True)
    context.close()


def _drawn_ratio(png: bytes) -> float:
    """Width ÷ height of the uploaded picture's purple as drawn on screen."""
    drawn = Image.open(io.BytesIO(png)).convert("RGB")
    near = [
        (x, y)
        for y in range(drawn.height)
        for x in range(drawn.width)
        if all(abs(a - b) <= 40 for a, b in zip(drawn.getpixel((x, y)), PURPLE, strict=True))
    ]
    xs, ys = [x for x, _ in near], [y for _, y in near]
    return (max(xs) - min(xs) + 1) / (max(ys) - min(ys) + 1)

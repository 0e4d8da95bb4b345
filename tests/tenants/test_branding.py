import re

import pytest

from tenants.services.branding import contrast, readable_on


@pytest.mark.parametrize(
    ("background", "text"),
    [
        ("#0b5394", "#ffffff"),
        ("#b3261e", "#ffffff"),
        ("#f4c430", "#1d1f23"),
        ("#ffffff", "#1d1f23"),
    ],
)
def test_text_on_a_site_colour_is_the_more_legible_of_ink_and_white(background, text):
    assert readable_on(background) == text
    assert contrast(background, text) >= 4.5


@pytest.mark.parametrize(
    "background", ["#777777", "#767676", "#e0301e", "#2e8b57", "#808080", "#0b5394", "#9f1d20"]
)
def test_text_on_any_site_colour_reaches_four_and_a_half_to_one(background):
    """Mid-tones (a grey, a bright red) read less than 4.5:1 with both the
    near-black ink and white: the words on them go pure black or white."""
    assert contrast(background, readable_on(background)) >= 4.5


def test_every_colour_channel_step_gets_readable_text():
    for level in range(0, 256, 5):
        for background in (
            f"#{level:02x}{level:02x}{level:02x}",
            f"#{level:02x}0000",
            f"#00{level:02x}00",
            f"#0000{level:02x}",
            f"#ff{level:02x}00",
        ):
            assert contrast(background, readable_on(background)) >= 4.5, background


def test_contrast_follows_the_wcag_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#777777") == 1.0


@pytest.mark.django_db
def test_the_theme_gives_text_colours_for_the_sites_colours(client, site_vn):
    css = client.get("/branding/theme.css", HTTP_HOST="cn-vn.localhost").content.decode()
    assert "--on-primary: #ffffff;" in css and "--on-accent: #1d1f23;" in css


@pytest.mark.django_db
def test_the_hubs_admin_takes_the_hubs_colours(client):
    """The hub's pages are drawn in site.css's colours; its admin in the same."""
    from pathlib import Path

    from tenants.hub import hub_site

    hub = hub_site()
    css = client.get("/branding/admin.css", HTTP_HOST="localhost").content.decode()
    assert f"--header-bg: {hub.primary_color};" in css
    assert f"--breadcrumbs-bg: {hub.accent_color};" in css
    assert f"--header-link-color: {readable_on(hub.primary_color)};" in css
    site_css = (Path(__file__).resolve().parents[2] / "static/portal/site.css").read_text()
    assert f"--primary: {hub.primary_color};" in site_css
    assert f"--accent: {hub.accent_color};" in site_css
    admin = client.get("/admin/login/", HTTP_HOST="localhost").content.decode()
    assert re.search(r'href="/branding/[0-9a-f]{12}/admin.css"', admin)


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["localhost", "cn-vn.localhost"])
def test_the_admins_stylesheet_is_read_only_and_for_known_hosts_only(client, site_vn, host):
    assert client.post("/branding/admin.css", HTTP_HOST=host).status_code == 405
    assert client.get("/branding/admin.css?x=" + "y" * 5000, HTTP_HOST=host).status_code == 200
    assert client.get("/branding/admin.css?x=%00", HTTP_HOST=host).status_code == 400
    unknown = client.get("/branding/admin.css", HTTP_HOST="cn-zz.localhost")
    assert unknown.status_code == 404 and "--header-bg" not in unknown.content.decode()

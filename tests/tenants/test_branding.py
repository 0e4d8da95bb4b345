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


def test_contrast_follows_the_wcag_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#777777") == 1.0


@pytest.mark.django_db
def test_the_theme_gives_text_colours_for_the_sites_colours(client, site_vn):
    css = client.get("/branding/theme.css", HTTP_HOST="cn-vn.localhost").content.decode()
    assert "--on-primary: #ffffff;" in css and "--on-accent: #1d1f23;" in css

"""``|rich_text`` remembers what a text shows (web/templatetags/rich_text.py)
per language and site: a text shown again reads as if cleaned afresh, and
never as another site cleaned it (images are kept from a site's own uploads)."""

from django.utils.translation import override

from web.rich_text import clean_html
from web.templatetags.rich_text import _shown, boxed_tables, rich_text


def test_a_text_shown_again_is_cleaned_for_its_language_and_site(site_vn, site_id, in_site):
    text = (
        f'<p>Ảnh</p><p><img src="/media/{site_vn.schema_name}/inline/a.png" alt=""></p>'
        "<table><tbody><tr><td>1</td></tr></tbody></table>"
    )
    _shown.cache_clear()
    seen = {}
    for site in (site_vn, site_id, site_vn):
        for language in ("vi", "en", "vi"):
            with in_site(site), override(language):
                fresh = boxed_tables(clean_html(text))
                assert rich_text(text) == fresh
                seen[site.code, language] = fresh
    assert _shown.cache_info().misses == 4  # each site and language cleaned once
    assert "<img" in seen["cn-vn", "vi"] and "<img" not in seen["cn-id", "vi"]
    assert 'aria-label="Bảng 1"' in seen["cn-vn", "vi"]
    assert 'aria-label="Table 1"' in seen["cn-vn", "en"]

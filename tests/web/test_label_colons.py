"""A label is followed by its language's colon on every page and e-mail
({% colon %}, languages.formatting.after_label): "联系方式：", not "联系方式: "."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en", "vi"])
def test_the_footers_contact_label_is_followed_by_the_languages_colon(
    client, site_vn, in_site, language
):
    from languages.formatting import after_label

    with in_site(site_vn):
        site_vn.contact_email = "desk@cn-vn.example.org"
        site_vn.save(update_fields=["contact_email"])
    page = client.get(f"/{language}/", HTTP_HOST="cn-vn.localhost").content.decode()
    with translation.override(language):
        label = translation.gettext("Contact")
    assert f'{label}{after_label(language)}<a href="mailto:desk@cn-vn.example.org">' in page
    if language == "zh-hans":
        assert f"{label}：<a" in page

"""An enterprise's profile is translated from the language it was written in,
as a listing is (``translation_source_field``): a Vietnamese company that
signs up on China–Vietnam (written in Chinese, zh-hans, by default) asks the
translators for Chinese and English, and their pages show the Vietnamese
text as the source.

China–Vietnam's languages: zh-hans (default), vi, en.
"""

import pytest
from django.utils import translation

from cooperation.models import Enterprise
from cooperation.services import accounts
from tests.factories.accounts import make_staff
from tests.translations.test_tasks_for_content import open_languages
from translations.services.translation_status import site_status, source_language_of

VN = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.fixture
def vietnamese_profile(site_vn, in_site, mailoutbox) -> Enterprise:
    """Signed up in Vietnamese, then approved by an editor (listed)."""
    with in_site(site_vn):
        member = accounts.sign_up(
            email="lan@caphe-daklak.vn",
            person_name="Nguyễn Thị Lan",
            enterprise_name="Cà phê Đắk Lắk",
            description="Rang xay cà phê Robusta cho xuất khẩu.",
            language="vi",
            country="VN",
            sectors=[],
            website="",
        )
        enterprise = member.enterprise
        enterprise.is_listed = True
        enterprise.awaiting_review = False
        enterprise.save()
    return enterprise


@pytest.mark.django_db
def test_a_profile_written_in_vietnamese_asks_for_chinese_and_english(
    site_vn, in_site, vietnamese_profile
):
    with in_site(site_vn):
        assert vietnamese_profile.language == "vi"
        assert source_language_of(vietnamese_profile, site_vn) == "vi"
        assert open_languages(vietnamese_profile) == {"zh-hans": "vi", "en": "vi"}


@pytest.mark.django_db
def test_the_status_counts_it_missing_in_the_other_languages(site_vn, in_site, vietnamese_profile):
    with in_site(site_vn):
        (status,) = [s for s in site_status(site_vn) if s.model is Enterprise]
        needing = {
            language
            for item in status.items
            if item.instance.pk == vietnamese_profile.pk
            for language, fields in item.states.items()
            if fields
        }
    assert needing == {"zh-hans", "en"}


@pytest.mark.django_db
def test_the_side_by_side_page_shows_the_vietnamese_source(
    client, site_vn, in_site, vietnamese_profile
):
    with in_site(site_vn):
        client.force_login(make_staff("translator"))
    page = client.get(
        f"/en/editor/translations/cooperation.enterprise/{vietnamese_profile.pk}/zh-hans/", **VN
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Rang xay cà phê Robusta cho xuất khẩu." in html
    assert "Nothing to translate" not in html
    # Vietnamese is the source: there is nothing to translate into it.
    into_source = client.get(
        f"/en/editor/translations/cooperation.enterprise/{vietnamese_profile.pk}/vi/", **VN
    )
    assert into_source.status_code == 404


@pytest.mark.django_db
def test_a_profile_keeps_its_source_when_its_owner_edits_a_translation(
    site_vn, in_site, vietnamese_profile
):
    with in_site(site_vn):
        member = vietnamese_profile.members.get()
        accounts.update_profile(
            member, editing_language="en", email_language="vi", name="Dak Lak Coffee",
            description="Robusta roaster for export.", products="", country="VN",
            sectors=[], website="",
        )  # fmt: skip
        vietnamese_profile.refresh_from_db()
        assert vietnamese_profile.language == "vi"


@pytest.mark.django_db
def test_a_profile_with_no_text_in_its_language_takes_the_language_it_is_written_in(
    site_vn, in_site, vietnamese_profile
):
    """An editor wrote the first profile text in the admin (no language
    named): the owner's first text is the source, whatever its language."""
    with in_site(site_vn):
        enterprise = Enterprise.objects.create(slug="ha-long-pearl", country="VN", is_listed=False)
        member = vietnamese_profile.members.get()
        member.enterprise = enterprise
        member.save()
        accounts.update_profile(
            member, editing_language="vi", email_language="vi", name="Ngọc trai Hạ Long",
            description="Ngọc trai nuôi.", products="", country="VN", sectors=[], website="",
        )  # fmt: skip
        enterprise.refresh_from_db()
        assert source_language_of(enterprise, site_vn) == "vi"


@pytest.mark.django_db
def test_profiles_that_name_no_language_are_read_from_the_site_default(site_vn, in_site):
    with in_site(site_vn):
        enterprise = Enterprise.objects.create(
            slug="yunnan-tea", name_zh_hans="云南茶厂", country="CN", is_listed=False
        )
        assert enterprise.language == ""
        assert source_language_of(enterprise, site_vn) == "zh-hans"


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", ["enterprise", "opportunity"])
def test_editors_choose_the_language_among_the_sites_and_nothing_else(
    site_vn, in_site, rf, model_name
):
    from django.contrib import admin
    from django.core.exceptions import ValidationError

    from cooperation.models import Opportunity

    model = {"enterprise": Enterprise, "opportunity": Opportunity}[model_name]
    request = rf.get("/admin/")
    request.tenant = site_vn
    with in_site(site_vn), translation.override("vi"):
        request.user = make_staff("editor")
        field = admin.site._registry[model].get_form(request).base_fields["language"]
        codes = [code for code, _label in field.choices]
        assert [c for c in codes if c] == ["zh-hans", "vi", "en"]
        assert dict(field.choices)["vi"] == "Tiếng Việt"
        for bad in ("xx", "vi\x00", "ko", "v" * 5000):
            with pytest.raises(ValidationError):
                field.clean(bad)
        assert field.clean("vi") == "vi"

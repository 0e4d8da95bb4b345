"""An enterprise's profile written only in one of the site's other
languages saves in the admin, with that language recorded as its source:
the site default's fields were required, so a Vietnamese company's
Vietnamese profile on China–Vietnam could not be saved at all."""

import pytest

from cooperation.models import Enterprise

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def profile(**overrides) -> dict:
    data = {
        "slug": "", "country": "VN", "language": "vi", "is_listed": "on",
        "name_zh_hans": "", "name_vi": "Công ty Cà phê Tây Nguyên", "name_en": "",
        "description_vi": "Rang xay cà phê Robusta.",
        "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_profile_in_vietnamese_only_saves_with_its_language(admin_client_for, site_vn, in_site):
    client = admin_client_for(site_vn)

    response = client.post("/admin/cooperation/enterprise/add/", profile(), **HOST)

    assert response.status_code == 302, response.context["adminform"].form.errors
    with in_site(site_vn):
        saved = Enterprise.objects.get(name_vi="Công ty Cà phê Tây Nguyên")
    assert saved.language == "vi" and not saved.name_zh_hans
    assert saved.slug  # made from the Vietnamese name


@pytest.mark.django_db
def test_left_at_the_site_default_the_language_written_is_recorded(
    admin_client_for, site_vn, in_site
):
    client = admin_client_for(site_vn)

    response = client.post("/admin/cooperation/enterprise/add/", profile(language=""), **HOST)

    assert response.status_code == 302
    with in_site(site_vn):
        assert Enterprise.objects.get(name_vi="Công ty Cà phê Tây Nguyên").language == "vi"


@pytest.mark.django_db
def test_the_name_is_still_needed_in_the_language_it_is_written_in(
    admin_client_for, site_vn, in_site
):
    client = admin_client_for(site_vn)

    chosen_empty = client.post(
        "/admin/cooperation/enterprise/add/",
        profile(language="en"),
        HTTP_ACCEPT_LANGUAGE="vi",
        **HOST,
    )
    nothing = client.post(
        "/admin/cooperation/enterprise/add/",
        profile(language="", name_vi=""),
        HTTP_ACCEPT_LANGUAGE="vi",
        **HOST,
    )

    assert chosen_empty.status_code == nothing.status_code == 200
    assert list(chosen_empty.context["adminform"].form.errors) == ["name_en"]
    assert list(nothing.context["adminform"].form.errors) == ["name_zh_hans"]
    assert "Trường này là bắt buộc." in chosen_empty.content.decode()
    with in_site(site_vn):
        assert not Enterprise.objects.filter(
            country="VN", description_vi__startswith="Rang"
        ).exists()


@pytest.mark.django_db
def test_an_article_with_no_title_at_all_needs_the_site_defaults(admin_client_for, site_vn):
    """Articles name the language they are written in, as profiles do
    (tests/translations/test_article_source.py); with no title in any
    language, the site default's is the one asked for."""
    client = admin_client_for(site_vn)

    response = client.post(
        "/admin/cooperation/article/add/",
        {"slug": "no-title", "kind": "news", "status": "draft", "summary_vi": "Chỉ có tóm tắt"},
        **HOST,
    )

    assert "title_zh_hans" in response.context["adminform"].form.errors

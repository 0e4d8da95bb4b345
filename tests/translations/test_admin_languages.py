import pytest
from django.contrib.auth import get_user_model


@pytest.mark.django_db
def test_article_form_shows_only_site_languages_default_first_and_required(
    admin_client_for, site_vn
):
    client = admin_client_for(site_vn)

    response = client.get("/admin/cooperation/article/add/", HTTP_HOST="cn-vn.localhost")
    form = response.context["adminform"].form
    title_fields = [name for name in form.fields if name.startswith("title_")]

    assert title_fields == ["title_zh_hans", "title_vi", "title_en"]
    # Needed in the language the article is written in, chosen among the
    # site's, default first (translations.admin._require_source_language).
    assert [code for code, _label in form.fields["language"].choices] == ["", "zh-hans", "vi", "en"]
    assert "title_ind" not in form.fields and "title_ko" not in form.fields
    fieldset_fields = list(response.context["adminform"].fieldsets[0][1]["fields"])
    assert (
        fieldset_fields.index("title_zh_hans")
        < fieldset_fields.index("title_vi")
        < fieldset_fields.index("title_en")
    )


@pytest.mark.django_db
def test_indonesian_site_form_has_indonesian_fields(admin_client_for, site_id):
    client = admin_client_for(site_id)

    form = (
        client.get("/admin/cooperation/article/add/", HTTP_HOST="cn-id.localhost")
        .context["adminform"]
        .form
    )

    assert [n for n in form.fields if n.startswith("title_")] == [
        "title_zh_hans",
        "title_ind",
        "title_en",
    ]


@pytest.mark.django_db
def test_saving_without_the_default_language_reports_an_error_in_the_editors_language(
    admin_client_for, site_vn
):
    client = admin_client_for(site_vn)

    response = client.post(
        "/admin/cooperation/article/add/",
        {"slug": "no-chinese", "kind": "news", "status": "draft", "language": "zh-hans",
         "title_vi": "Chỉ có tiếng Việt"},
        HTTP_HOST="cn-vn.localhost",
        HTTP_ACCEPT_LANGUAGE="vi",
    )  # fmt: skip

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_zh_hans"] == ["Trường này là bắt buộc."]


@pytest.mark.django_db
def test_cohosted_event_form_adds_the_cohosts_languages(admin_client_for, site_vn, in_site):
    from events.models import Event

    client = admin_client_for(site_vn)
    with in_site(site_vn):
        event = Event.objects.get(slug="asean-china-investment-forum")

    response = client.get(f"/admin/events/event/{event.pk}/change/", HTTP_HOST="cn-vn.localhost")
    form = response.context["adminform"].form

    assert [n for n in form.fields if n.startswith("title_")] == [
        "title_zh_hans",
        "title_vi",
        "title_en",
        "title_ind",
    ]


@pytest.mark.django_db
def test_held_back_translations_are_ticked_among_the_sites_other_languages(
    admin_client_for, site_id, in_site
):
    from cooperation.models import Article

    client = admin_client_for(site_id)
    add = client.get("/admin/cooperation/article/add/", HTTP_HOST="cn-id.localhost")
    choices = add.context["adminform"].form.fields["unpublished_languages"].choices

    response = client.post(
        "/admin/cooperation/article/add/",
        {
            "slug": "held-back", "kind": "news", "status": "published",
            "published_at_0": "2026-01-05", "published_at_1": "09:00",
            "title_zh_hans": "源文", "title_ind": "Judul yang ditahan", "unpublished_languages": ["id"],
            "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
        },
        HTTP_HOST="cn-id.localhost",
    )  # fmt: skip

    assert [code for code, _name in choices] == ["id", "en"]  # not the default, not others
    assert response.status_code == 302
    with in_site(site_id):
        article = Article.objects.get(slug="held-back")
    assert (article.unpublished_languages, article.title_ind) == (["id"], "Judul yang ditahan")
    page = client.get("/id/news/held-back/", HTTP_HOST="cn-id.localhost").content.decode()
    assert "Judul yang ditahan" not in page and "源文" in page


@pytest.mark.django_db
def test_inlines_show_only_the_site_languages_too(admin_client_for, site_id):
    import re

    client = admin_client_for(site_id)
    article = client.get("/admin/cooperation/article/add/", HTTP_HOST="cn-id.localhost")
    event = client.get("/admin/events/event/add/", HTTP_HOST="cn-id.localhost")

    def title_columns(page, prefix):  # Indonesian columns end in _ind (modeltranslation)
        return re.findall(rf'name="{prefix}-__prefix__-(title_\w+)"', page.content.decode())

    assert title_columns(article, "attachments") == ["title_zh_hans", "title_ind", "title_en"]
    assert title_columns(event, "sessions") == ["title_zh_hans", "title_ind", "title_en"]


@pytest.mark.django_db
def test_translated_fields_are_labelled_with_the_languages_name_not_a_column_suffix(
    client, site_id, in_site
):
    """modeltranslation labels columns "Judul [ind]": Indonesian editors read
    "Judul (Indonesia)", "Judul (Inggris)", each named as Indonesian names it."""

    with in_site(site_id):
        client.force_login(get_user_model().objects.create_superuser("labels@cn-id.example"))
    page = client.get(
        "/admin/cooperation/article/add/", HTTP_ACCEPT_LANGUAGE="id", HTTP_HOST="cn-id.localhost"
    ).content.decode()

    assert "[ind]" not in page and "[zh-hans]" not in page
    assert "Judul (Indonesia)" in page
    assert "Judul (Tionghoa)" in page and "Judul (Inggris)" in page

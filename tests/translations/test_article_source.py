"""An article is translated from the language it was written in, as an
enterprise's profile and a listing are (``translation_source_field``): an
Indonesian editor on China–Indonesia (Chinese, zh-hans, by default) writes
in Indonesian and asks the translators for Chinese and English, instead of
having to write the Chinese first.

China–Indonesia's languages: zh-hans (default), id, en.
"""

import pytest

from cooperation.models import Article
from translations.services.translation_status import source_language_of

ID = {"HTTP_HOST": "cn-id.localhost"}


def indonesian_only(**more) -> dict:
    return {
        "slug": "", "kind": "news", "status": "published",
        "published_at_0": "2026-01-05", "published_at_1": "09:00",
        "title_ind": "Ekspor kopi Sumatra naik", "summary_ind": "Ringkasan.",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
        **more,
    }  # fmt: skip


@pytest.mark.django_db
def test_an_article_written_only_in_indonesian_is_saved_and_translated_from_it(
    admin_client_for, site_id, in_site
):
    client = admin_client_for(site_id)

    response = client.post("/admin/cooperation/article/add/", indonesian_only(), **ID)

    assert response.status_code == 302, response.context["adminform"].form.errors
    with in_site(site_id):
        article = Article.objects.get(title_ind="Ekspor kopi Sumatra naik")
        assert article.language == "id"
        assert source_language_of(article, site_id) == "id"
        assert article.slug.startswith("ekspor-kopi")  # from the title it was written with
    chinese = client.get(f"/id/editor/translations/cooperation.article/{article.pk}/zh-hans/", **ID)
    indonesian = client.get(f"/id/editor/translations/cooperation.article/{article.pk}/id/", **ID)
    assert chinese.status_code == 200 and indonesian.status_code == 404
    assert "Ekspor kopi Sumatra naik" in chinese.content.decode()  # the source, beside


@pytest.mark.django_db
def test_the_language_it_is_written_in_needs_its_title(admin_client_for, site_id, in_site):
    client = admin_client_for(site_id)

    response = client.post(
        "/admin/cooperation/article/add/", indonesian_only(language="id", title_ind=""), **ID
    )

    assert response.status_code == 200
    assert "title_ind" in response.context["adminform"].form.errors  # modeltranslation's column
    with in_site(site_id):
        assert not Article.objects.filter(summary_ind="Ringkasan.").exists()

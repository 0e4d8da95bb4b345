"""About, privacy and accessibility pages: the site's own text, else a default."""

import pytest

from cooperation.models import SitePage


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "path", "heading", "words"),
    [
        ("cn-vn.localhost", "/vi/privacy/", "Quyền riêng tư", "Cách yêu cầu xóa"),
        ("cn-vn.localhost", "/zh-hans/about/", "关于本站", "经贸合作的官方网站"),
        ("cn-id.localhost", "/id/accessibility/", "Aksesibilitas", "WCAG"),
    ],
)
def test_each_site_has_default_pages_in_its_languages(
    client, site_vn, site_id, host, path, heading, words
):
    page = client.get(path, HTTP_HOST=host).content.decode()

    assert f"<h1>{heading}</h1>" in page and words in page
    assert "contact@" in page  # the site's own address
    assert 'itemtype="https://schema.org/BreadcrumbList"' in page


@pytest.mark.django_db
def test_a_site_writes_its_own_page_and_other_languages_fall_back_honestly(
    client, site_vn, in_site
):
    with in_site(site_vn):
        SitePage.objects.create(
            kind="about",
            title_vi="Về chúng tôi",
            body_vi="<p>Trang do Bộ Công Thương vận hành.</p><script>x</script>",
        )

    vi = client.get("/vi/about/", HTTP_HOST="cn-vn.localhost").content.decode()
    english = client.get("/en/about/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "<h1>Về chúng tôi</h1>" in vi and "Bộ Công Thương" in vi and "<script>x" not in vi
    assert "Bộ Công Thương" in english and 'lang="vi"' in english  # marked as Vietnamese
    assert 'href="/vi/about/"' in vi  # linked from every page's footer


@pytest.mark.django_db
def test_languages_without_a_default_text_get_english_with_a_note(client):
    from tenants.services.provisioning import provision
    from tenants.services.site_spec import build_spec

    provision(build_spec(code="cn-fr", countries="CN,FR", languages="fr,zh-hans,en", domains=["cn-fr.localhost"], time_zone="Europe/Paris", currency="EUR", launched_on="2024-03-01"))  # fmt: skip
    page = client.get("/fr/privacy/", HTTP_HOST="cn-fr.localhost").content.decode()

    assert "<h1>Confidentialité</h1>" in page and "What we keep, and why" in page
    assert 'class="fallback-note"' in page or "anglais" in page.lower()
    # The English text is English throughout: no French names spliced into it
    # ("trade between Chine and France" was what a French reader got).
    about = client.get("/fr/about/", HTTP_HOST="cn-fr.localhost").content.decode()
    assert "trade between China and France" in about and "French, Chinese, English" in about

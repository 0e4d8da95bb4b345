"""Uploaded images and documents: judged by content, kept per site."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from cooperation.models import Article, Attachment
from cooperation.uploads import validate_image, validate_pdf
from tests.factories.articles import make_article
from tests.factories.files import fake, pdf, png


def test_real_images_and_pdfs_pass():
    validate_image(png())
    validate_pdf(pdf())


@pytest.mark.parametrize(
    ("upload", "check", "code"),
    [
        (fake("a.png", b"<script>alert(1)</script>", "image/png"), validate_image, "image_type"),
        (fake("a.gif", b"GIF89a" + b"\0" * 20, "image/gif"), validate_image, "image_type"),
        (fake("a.pdf", b"<html>not a pdf</html>", "application/pdf"), validate_pdf, "pdf_type"),
        (
            fake("a.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), "application/pdf"),
            validate_pdf,
            "too_large",
        ),
    ],
)
def test_hostile_files_are_refused_with_a_reason(upload, check, code):
    with pytest.raises(ValidationError) as refused:
        check(upload)
    assert refused.value.code == code


def test_an_image_bomb_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_image(png(size=(8000, 6000)))
    assert refused.value.code == "image_pixels"


@pytest.mark.django_db
def test_editor_upload_of_a_wrong_file_re_renders_the_admin_form(client, site_vn, in_site):
    with in_site(site_vn):
        client.force_login(
            get_user_model().objects.create_superuser("ed@example.org", "ed@example.org", "pw")
        )

    response = client.post(
        "/admin/cooperation/article/add/",
        {
            "slug": "with-bad-image", "kind": "news", "status": "draft", "title_zh_hans": "标题",
            "image": fake("photo.jpg", b"MZ\x90\x00 not an image", "image/jpeg"),
            "attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0",
            "attachments-0-title_zh_hans": "报告", "attachments-0-position": "0",
            "attachments-0-file": fake("report.pdf", b"<html></html>", "application/pdf"),
        },
        HTTP_HOST="cn-vn.localhost",
    )  # fmt: skip

    assert response.status_code == 200
    page = response.content.decode()
    # The admin speaks the site's default language (Chinese) to this editor;
    # the image field's own check (Django's message) runs before ours.
    assert "请上传一张有效的图片" in page and "请上传 PDF 文件。" in page
    with in_site(site_vn):
        assert not Article.objects.filter(slug="with-bad-image").exists()


@pytest.mark.django_db
def test_files_are_served_only_on_their_own_site(client, site_vn, site_id, in_site):
    with in_site(site_vn):
        article = make_article(slug="with-report", texts={"en": "Report"})
        attachment = Attachment(article=article, title_en="Full report", file=pdf())
        attachment.full_clean()
        attachment.save()
    name = attachment.file.name

    own = client.get(f"/media/{name}", HTTP_HOST="cn-vn.localhost")
    other = client.get(f"/media/{name}", HTTP_HOST="cn-id.localhost")
    sneaky = client.get(f"/media/site_cn_id/../{name}", HTTP_HOST="cn-id.localhost")
    page = client.get("/en/news/with-report/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert name.startswith("site_cn_vn/attachments/") and name.endswith(".pdf")
    assert Path(settings.MEDIA_ROOT, name).is_file()
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    assert b"".join(own.streaming_content).startswith(b"%PDF-")
    assert other.status_code == 404 and sneaky.status_code == 404
    assert f'href="/media/{name}"' in page and "Full report" in page

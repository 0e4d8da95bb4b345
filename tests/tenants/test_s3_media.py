"""Media in an S3-compatible bucket: a real server on localhost (moto in
server mode, the S3 API over HTTP), each site under its own prefix, served
only through its site's /media/ check."""

import subprocess
import sys
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.storage import default_storage

from tests.factories.articles import make_article
from tests.factories.files import pdf, png
from tests.tenants.test_shared_cache import free_port, wait_for_port

BUCKET = "portal-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        endpoint = f"http://127.0.0.1:{port}"
        import boto3

        client = boto3.client(
            "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
            region_name="us-east-1",
        )  # fmt: skip
        client.create_bucket(Bucket=BUCKET)
        yield endpoint, client
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings):
    endpoint, client = s3_endpoint
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "tenants.storage.SiteMediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": endpoint, "region_name": "us-east-1",
                "access_key": "test", "secret_key": "test", "location": "media",
                "addressing_style": "path", "default_acl": None, "querystring_auth": True,
                "querystring_expire": 300, "file_overwrite": False, "signature_version": "s3v4",
            },
        },
    }  # fmt: skip
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.mark.slow
@pytest.mark.django_db
def test_uploads_go_under_the_sites_prefix_and_pages_link_the_sites_address(
    bucket, in_site, site_vn
):
    with in_site(site_vn):
        article = make_article(texts={"en": "Rice exports"})
        article.image.save("rice.png", png(), save=True)

    assert keys(bucket) == [f"media/{article.image.name}"]
    assert article.image.name.startswith("site_cn_vn/articles/")
    assert article.image.url == f"/media/{article.image.name}"  # not the bucket's address


@pytest.mark.slow
@pytest.mark.django_db
def test_the_media_view_redirects_to_a_short_lived_signed_url_of_its_own_sites_file(
    bucket, client, in_site, site_vn
):
    with in_site(site_vn):
        article = make_article(texts={"en": "Rice exports"})
        image = png()
        article.image.save("rice.png", image, save=True)

    response = client.get(article.image.url, HTTP_HOST="cn-vn.localhost")
    assert response.status_code == 302
    assert "private" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    signed = urlsplit(response["Location"])
    assert signed.path == f"/{BUCKET}/media/{article.image.name}"
    assert parse_qs(signed.query)["X-Amz-Expires"] == ["300"]
    with urllib.request.urlopen(response["Location"], timeout=10) as fetched:
        assert fetched.read() == image.open("rb").read()
    # Unsigned, the bucket refuses nothing here (moto is permissive) — the
    # portal's own check is what keeps sites apart:
    assert client.get(article.image.url, HTTP_HOST="cn-id.localhost").status_code == 404
    other = article.image.url.replace("site_cn_vn", "site_cn_vn/../site_cn_id")
    assert client.get(other, HTTP_HOST="cn-vn.localhost").status_code == 404
    missing = article.image.url.replace(".png", "-gone.png")
    assert client.get(missing, HTTP_HOST="cn-vn.localhost").status_code == 404


@pytest.mark.slow
@pytest.mark.django_db
def test_a_backup_carries_the_buckets_files_and_a_copy_gets_its_own_prefix(
    bucket, in_site, site_vn, tmp_path
):
    from cooperation.models import Attachment
    from tenants.services import site_backup
    from tenants.services.site_archive import open_archive

    with in_site(site_vn):
        article = make_article(texts={"en": "Rice exports"})
        attachment = Attachment(article=article, title="Report")
        attachment.file.save("report.pdf", pdf(), save=True)
    site_backup.backup(site_vn, tmp_path / "vn.tar")
    archive = open_archive(tmp_path / "vn.tar")
    assert archive.media_names() == [attachment.file.name]

    plan = site_backup.plan_restore(archive, as_code="cn-zz", domains=["cn-zz.localhost"])
    site_backup.restore(plan)
    copied = attachment.file.name.replace("site_cn_vn/", "site_cn_zz/", 1)
    assert f"media/{copied}" in keys(bucket)
    assert default_storage.open(copied).read() == default_storage.open(attachment.file.name).read()

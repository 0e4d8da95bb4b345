"""Uploads are re-encoded (no EXIF, nothing appended), small to decode, and a
site's logo is judged and named like every other upload."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cooperation.models import Enterprise
from tenants.uploads import validate_image, validate_pdf
from tests.factories.files import fake, png

GPS = 0x8825  # the EXIF tag of the GPS block


def jpeg_with_gps(name: str = "photo.jpg") -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # make
    exif.get_ifd(GPS)[2] = (21.0, 1.0, 30.0)  # latitude
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 200)).save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue() + b"<script>x</script>", "image/jpeg")


@pytest.mark.django_db
def test_a_stored_image_has_no_exif_and_nothing_appended(site_vn, in_site):
    upload = jpeg_with_gps()
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif()[0x010F] == "SpyCam"
    upload.seek(0)

    with in_site(site_vn):
        enterprise = Enterprise(slug="exif-test", country="VN", sectors=["A"], logo=upload)
        enterprise.name_en = "Exif"
        enterprise.save()
        stored = Path(settings.MEDIA_ROOT) / enterprise.logo.name

    data = stored.read_bytes()
    assert b"SpyCam" not in data and b"<script>" not in data
    with Image.open(stored) as image:
        assert image.format == "JPEG" and image.size == (60, 40)
        assert not image.getexif()
    assert stored.name.endswith(".jpg") and stored.parent.name == "logos"


@pytest.mark.django_db
def test_the_extension_follows_the_content_not_the_name(site_vn, in_site):
    with in_site(site_vn):
        enterprise = Enterprise(slug="named-wrong", country="VN", sectors=["A"])
        enterprise.logo = png(name="logo.jpg")
        enterprise.name_en = "Named wrong"
        enterprise.save()
    assert enterprise.logo.name.endswith(".png")


def test_a_small_file_of_many_pixels_is_refused():
    """Issue 12, point 14: a 35 KB PNG of 6000 × 6000 was accepted."""
    buffer = io.BytesIO()
    Image.new("1", (6000, 6000)).save(buffer, format="PNG", optimize=True)
    assert len(buffer.getvalue()) < 100_000

    with pytest.raises(ValidationError) as refused:
        validate_image(SimpleUploadedFile("big.png", buffer.getvalue(), "image/png"))
    assert refused.value.code == "image_pixels"


def test_a_pdf_must_start_like_one():
    with pytest.raises(ValidationError):
        validate_pdf(fake("a.pdf", b"<html>" + b"%PDF-1.4" + b"x" * 100, "application/pdf"))
    validate_pdf(fake("b.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf"))


@pytest.mark.django_db
def test_a_site_logo_is_judged_and_renamed(site_vn):
    site_vn.logo = fake("logo.png", b"<svg onload='alert(1)'/>", "image/png")
    with pytest.raises(ValidationError):
        site_vn.full_clean()

    site_vn.logo = png(name="../../../etc/passwd.png")
    site_vn.full_clean()
    site_vn.save()

    assert site_vn.logo.name.startswith("logos/cn-vn-") and "passwd" not in site_vn.logo.name

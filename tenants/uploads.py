"""Uploaded files of every kind: what is accepted and how it is stored.

Files are judged by their content, never by the name or the type the browser
claims: an image must open in Pillow as JPEG, PNG or WebP (SVG is refused, it
can carry scripts) and stay under a pixel count that is cheap to decode, a
document must start like a PDF. Images are then re-encoded from their pixels
(:class:`CleanImageField`), so what is stored carries no EXIF (GPS positions,
camera serials), no comments and nothing appended after the image data.

Each site's files live under a folder named after its schema; the sites'
own logos under ``logos/``. Names are fresh random ones with an
extension from a short list, and ``tenants.views.site_media`` serves a site
only its own files.
"""

import io
import posixpath
import uuid

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connection, models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_MAX_BYTES = 5 * 1024 * 1024
# 12 megapixels (4000 × 3000): a phone photo. Decoding one takes ~36 MB; a
# 6000 × 6000 PNG of 35 KB would take three times that in every worker.
IMAGE_MAX_PIXELS = 12_000_000
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def _check_size(upload: File, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def validate_image(upload: File) -> None:
    _check_size(upload, IMAGE_MAX_BYTES)
    wrong_type = ValidationError(_("Upload a JPEG, PNG or WebP image."), code="image_type")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in IMAGE_FORMATS:
                raise wrong_type
            width, height = image.size
            if width * height > IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image is too large (%(width)s × %(height)s pixels)."),
                    code="image_pixels",
                    params={"width": width, "height": height},
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise wrong_type from None
    finally:
        upload.seek(0)


def validate_pdf(upload: File) -> None:
    _check_size(upload, DOCUMENT_MAX_BYTES)
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("Upload a PDF document."), code="pdf_type")


def reencoded(upload: File) -> tuple[bytes, str]:
    """The image's pixels written anew in its own format, and that format's
    extension. Turned upright first (the EXIF orientation goes with the EXIF);
    the colour profile stays, so colours do not shift."""
    upload.seek(0)
    with Image.open(upload) as image:
        kind = image.format
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        if kind == "JPEG" and upright.mode not in {"RGB", "L", "CMYK"}:
            upright = upright.convert("RGB")
        options = {"icc_profile": icc} if icc else {}
        if kind in {"JPEG", "WEBP"}:
            options["quality"] = 90
        buffer = io.BytesIO()
        upright.save(buffer, format=kind, **options)
    upload.seek(0)
    return buffer.getvalue(), IMAGE_FORMATS[kind]


class CleanImageField(models.ImageField):
    """An image field whose new uploads are stored re-encoded (:func:`reencoded`)."""

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            content, extension = reencoded(file.file)
            base = posixpath.splitext(posixpath.basename(file.name))[0] or "image"
            file.file = ContentFile(content, name=f"{base}.{extension}")
            file.name = f"{base}.{extension}"
        return super().pre_save(model_instance, add)


def site_path(folder: str, filename: str, extensions: set[str], default: str) -> str:
    """``<schema>/<folder>/<random>.<ext>``: the current site's folder."""
    return posixpath.join(
        connection.schema_name, folder, random_name(filename, extensions, default)
    )


def random_name(filename: str, extensions: set[str], default: str) -> str:
    # A fresh name, and an extension from a short list: nothing the uploader
    # chose reaches the file system or decides how the file is served.
    extension = posixpath.splitext(filename)[1].lower().lstrip(".")
    if extension not in extensions:
        extension = default
    return f"{uuid.uuid4().hex}.{extension}"


def site_logo_path(instance, filename: str) -> str:
    """A site's own logo (set on the hub, in the public schema): ``logos/<code>-<random>``."""
    extension = random_name(filename, IMAGE_EXTENSIONS, "png").rsplit(".", 1)[1]
    return posixpath.join("logos", f"{instance.code}-{uuid.uuid4().hex[:12]}.{extension}")

"""Uploaded files: what is accepted, and where a site's files go.

Files are judged by their content, never by the name or the type the browser
claims: an image must open in Pillow as JPEG, PNG or WebP (SVG is refused, it
can carry scripts), a document must start like a PDF. Each site's files live
under a folder named after its schema, and ``tenants.views.site_media`` serves
a site only its own folder. The content apps name their folders
(``cooperation.uploads``); the rich-text editor's inline images and
documents go through :func:`store` here.
"""

import posixpath
import uuid

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
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
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(_("Upload a PDF document."), code="pdf_type")


def image_extension(upload: File) -> str:
    """The extension of a validated image, from its content."""
    upload.seek(0)
    with Image.open(upload) as image:
        extension = IMAGE_FORMATS[image.format]
    upload.seek(0)
    return extension


def site_path(folder: str, filename: str, extensions: set[str], default: str) -> str:
    """A fresh name under the current site's folder, with an extension from a
    short list: nothing the uploader chose reaches the file system or decides
    how the file is served."""
    extension = posixpath.splitext(filename)[1].lower().lstrip(".")
    if extension not in extensions:
        extension = default
    return posixpath.join(connection.schema_name, folder, f"{uuid.uuid4().hex}.{extension}")


def store(upload: File, folder: str) -> tuple[str, str]:
    """Validate ``upload`` as an image or, failing that, a PDF, and save it
    under the site's ``folder``. Returns (``"image"`` or ``"document"``,
    storage name); raises ``ValidationError`` for anything else."""
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        validate_pdf(upload)
        kind, path = "document", site_path(folder, "x.pdf", {"pdf"}, "pdf")
    else:
        validate_image(upload)
        extension = image_extension(upload)
        kind, path = "image", site_path(folder, f"x.{extension}", IMAGE_EXTENSIONS, extension)
    return kind, default_storage.save(path, upload)

"""Uploads of the web layer: the rich-text editor's inline images and
documents (:func:`store`), and what the content apps' upload paths use.

What is accepted and how images are re-encoded (no EXIF, a pixel cap, PDFs
by their first bytes) is ``tenants.uploads``, one layer down, because a
site's own logo (``tenants.Site.logo``) is judged the same way. Each site's
files live under a folder named after its schema, and
``tenants.views.site_media`` serves a site only its own folder.
"""

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from tenants.uploads import (  # noqa: F401  (the names callers and migrations import from here)
    DOCUMENT_MAX_BYTES,
    IMAGE_EXTENSIONS,
    IMAGE_FORMATS,
    IMAGE_MAX_BYTES,
    IMAGE_MAX_PIXELS,
    reencoded,
    site_path,
    validate_image,
    validate_pdf,
)


def image_extension(upload: File) -> str:
    """The extension of a validated image, from its content."""
    upload.seek(0)
    with Image.open(upload) as image:
        extension = IMAGE_FORMATS[image.format]
    upload.seek(0)
    return extension


def store(upload: File, folder: str) -> tuple[str, str]:
    """Validate ``upload`` as an image or, failing that, a PDF, and save it
    under the site's ``folder`` (an image re-encoded, without its metadata).
    Returns (``"image"`` or ``"document"``, storage name); raises
    ``ValidationError`` for anything else."""
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        validate_pdf(upload)
        path = site_path(folder, "x.pdf", {"pdf"}, "pdf")
        return "document", default_storage.save(path, upload)
    validate_image(upload)
    content, extension = reencoded(upload)
    path = site_path(folder, f"x.{extension}", IMAGE_EXTENSIONS, extension)
    return "image", default_storage.save(path, ContentFile(content))

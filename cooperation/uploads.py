"""Where a site's uploaded files of the cooperation app go.

What is accepted (images by their content, PDFs, the size limits) is
``web.uploads``, shared with the rich-text editor's uploads; the names below
stay importable from here because migrations refer to them.
"""

from web.uploads import (  # noqa: F401 - names the migrations import from here
    DOCUMENT_MAX_BYTES,
    IMAGE_EXTENSIONS,
    IMAGE_MAX_BYTES,
    IMAGE_MAX_PIXELS,
    site_path,
    validate_image,
    validate_pdf,
)


def article_image_path(instance, filename: str) -> str:
    return site_path("articles", filename, IMAGE_EXTENSIONS, "jpg")


def attachment_path(instance, filename: str) -> str:
    return site_path("attachments", filename, {"pdf"}, "pdf")


def logo_path(instance, filename: str) -> str:
    return site_path("logos", filename, IMAGE_EXTENSIONS, "png")

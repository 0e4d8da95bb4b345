"""Where the content apps' uploads go: each site's own folder
(``tenants.uploads`` judges, re-encodes and names every upload)."""

from tenants.uploads import (  # noqa: F401  (migrations name them here)
    IMAGE_EXTENSIONS,
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

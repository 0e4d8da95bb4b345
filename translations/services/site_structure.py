"""Translation records follow the objects ``clone_site`` copies.

A record names its object by content type id, and ids of content types may
differ between two schemas: they are matched by app label and model name.
"""

from django.contrib.contenttypes.models import ContentType
from django_tenants.utils import schema_context

from tenants.services.site_parts import structure_models
from translations.models import TranslationSource


def copy_records(source_schema: str, target_schema: str) -> int:
    """Copy the records of structure objects (categories, tags) to the new site."""
    wanted = {tuple(label.lower().split(".")) for label in structure_models()}
    with schema_context(source_schema):
        rows = [
            (ct_key, row)
            for ct_key, row in (
                ((record.content_type.app_label, record.content_type.model), record)
                for record in TranslationSource.objects.select_related("content_type")
            )
            if ct_key in wanted
        ]
        values = [
            (
                key,
                {
                    "object_id": record.object_id,
                    "field": record.field,
                    "language": record.language,
                    "source_digest": record.source_digest,
                    "translation_digest": record.translation_digest,
                },
            )
            for key, record in rows
        ]
    with schema_context(target_schema):
        types = {(ct.app_label, ct.model): ct for ct in ContentType.objects.all()}
        TranslationSource.objects.bulk_create(
            [
                TranslationSource(content_type=types[key], **data)
                for key, data in values
                if key in types
            ]
        )
    return len(values)

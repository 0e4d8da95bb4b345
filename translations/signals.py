from django.db.models.signals import post_save

from translations.services.translation_status import record_translations, translatable_models


def _record(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:  # fixtures load raw rows; nothing was translated then
        record_translations(instance)


def connect() -> None:
    for model in translatable_models():
        post_save.connect(
            _record, sender=model, dispatch_uid=f"record-translations-{model._meta.label}"
        )

from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import translation
from django_tenants.utils import get_public_schema_name

from tenants.context import current_site
from translations.services import tasks
from translations.services.translation_gaps import forget_gaps
from translations.services.translation_status import record_translations, translatable_models


def _remember_public(sender, instance, raw: bool = False, **kwargs) -> None:
    """Whether the object was public before this save (to see it published)."""
    requestable = tasks.registered(sender)
    if raw or requestable is None or not requestable.on_publish:
        return
    previous = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._was_public = previous is not None and requestable.is_public(previous)


def _record(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # fixtures load raw rows; nothing was translated then
        return
    site = current_site()
    record_translations(instance, site=site)
    requestable = tasks.registered(sender)
    if requestable is None:
        return
    tasks.close_done(instance, site)
    if (
        requestable.on_publish
        and not getattr(instance, "_was_public", False)
        and requestable.is_public(instance)
    ):
        tasks.open_for_publication(instance, site)
        instance._was_public = True


def _forget(sender, instance, **kwargs) -> None:
    """Sent for each item however it is deleted (the admin, its bulk action,
    ``QuerySet.delete``, a cascade): Django deletes a model with receivers
    row by row, never by a bare DELETE."""
    forget_gaps(instance)
    tasks.forget(instance)


def _remember_staff_language(sender, request, user, **kwargs) -> None:
    """Staff of a site get the e-mails about their work in the language they
    sign in with, unless they chose one on their account page."""
    if not user.is_staff or connection.schema_name == get_public_schema_name():
        return
    from translations.services.staff import set_staff_language

    language = translation.get_language()
    if language:
        set_staff_language(user, language)


def connect() -> None:
    for model in translatable_models():
        pre_save.connect(
            _remember_public, sender=model, dispatch_uid=f"translation-tasks-{model._meta.label}"
        )
        post_save.connect(
            _record, sender=model, dispatch_uid=f"record-translations-{model._meta.label}"
        )
        post_delete.connect(
            _forget, sender=model, dispatch_uid=f"forget-translation-gaps-{model._meta.label}"
        )
    user_logged_in.connect(_remember_staff_language, dispatch_uid="staff-language")

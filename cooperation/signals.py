"""Signal wiring of the cooperation app."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import m2m_changed, post_migrate, post_save, pre_delete
from django_tenants.utils import get_public_schema_name

from cooperation.roles import ensure_roles_after_migrate


def _forget_membership(sender, instance, **kwargs) -> None:
    # Hub users have no memberships (the table is not in the public schema).
    if connection.schema_name != get_public_schema_name():
        from cooperation.models import EnterpriseMember

        EnterpriseMember.objects.filter(user_id=instance.pk).delete()


def _tags_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    # An article's tags are words it is found by (services.articles).
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from cooperation.models import Article
    from search.registry import reindex

    if reverse:  # tag.articles.add(...)
        reindex(Article.objects.filter(pk__in=pk_set or ()))
    else:
        reindex([instance])


def _filing_renamed(sender, instance, raw: bool = False, created: bool = False, **kwargs) -> None:
    if raw or created:
        return
    from search.registry import reindex

    reindex(instance.articles.all())


def connect(app_config) -> None:
    from cooperation.models import Article, Category, Tag

    post_migrate.connect(ensure_roles_after_migrate, sender=app_config)
    pre_delete.connect(_forget_membership, sender=get_user_model())
    m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="article-tags")
    post_save.connect(_filing_renamed, sender=Category, dispatch_uid="category-renamed")
    post_save.connect(_filing_renamed, sender=Tag, dispatch_uid="tag-renamed")

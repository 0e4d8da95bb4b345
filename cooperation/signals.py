"""Signal wiring of the cooperation app."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import post_migrate, pre_delete
from django_tenants.utils import get_public_schema_name

from cooperation.roles import ensure_roles_after_migrate


def _forget_membership(sender, instance, **kwargs) -> None:
    # Hub users have no memberships (the table is not in the public schema).
    if connection.schema_name != get_public_schema_name():
        from cooperation.models import EnterpriseMember

        EnterpriseMember.objects.filter(user_id=instance.pk).delete()


def connect(app_config) -> None:
    post_migrate.connect(ensure_roles_after_migrate, sender=app_config)
    pre_delete.connect(_forget_membership, sender=get_user_model())

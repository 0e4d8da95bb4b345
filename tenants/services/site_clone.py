"""A new country pair with the structure of an existing site, and none of its people.

``clone_site`` provisions the new site the usual way (validated first, cloned
from the template schema, one transaction), then copies what the apps call
*structure* (``site_parts.register_tables``): branding, languages, time zone,
currency, the response-time target, categories and tags with their
translations, and the roles with any groups the officials added. People,
enterprises, listings, articles, questions, events and registrations stay with
the original.

Rows are read from one schema and written to the other through the ORM,
never by a query that spans two site schemas (see deploy/SCALING.md: on a
sharded cluster two sites need not live on one node).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, transaction
from django_tenants.utils import schema_context

from tenants.models import Site
from tenants.services import site_parts
from tenants.services.provisioning import ProvisionResult, provision
from tenants.services.site_spec import SiteSpec, SpecError, build_spec, validate

Progress = Callable[[str], None]


@dataclass
class CloneResult:
    provisioned: ProvisionResult
    copied: dict[str, int] = field(default_factory=dict)
    left_behind: list[str] = field(default_factory=list)


def clone_spec(
    source: Site,
    code: str,
    *,
    domains: list[str],
    countries: str | None = None,
    languages: str | None = None,
    time_zone: str | None = None,
    currency: str | None = None,
    admin_email: str = "",
    same_countries: bool = False,
) -> SiteSpec:
    """The new site's spec: the source's settings, the new pair's names."""
    if not domains:
        raise SpecError("domain: give at least one for the new site, e.g. cn-kr.localhost")
    if countries is None:
        parts = code.split("-")
        if len(parts) != 2:
            raise SpecError(f"give --countries: {code!r} does not name two countries")
        countries = ",".join(parts)
    return build_spec(
        code=code,
        countries=countries,
        languages=languages or list(source.languages),
        domains=domains,
        time_zone=time_zone or source.time_zone,
        currency=currency or source.currency,
        primary_color=source.primary_color,
        accent_color=source.accent_color,
        response_days=source.response_days,
        admin_email=admin_email,
        same_countries=same_countries,
    )


def clone(source: Site, spec: SiteSpec, *, progress: Progress = lambda _: None) -> CloneResult:
    if source.status == Site.Status.TEMPLATE:
        raise SpecError("the site template is not a site: clone a real site")
    validate(spec)  # the code's form first: nothing odd reaches a query
    if Site.objects.filter(code=spec.code).exists():
        raise SpecError(f"site {spec.code} exists already; clone_site only creates new sites")
    with transaction.atomic():
        provisioned = provision(spec, progress=progress)
        target = provisioned.site
        result = CloneResult(provisioned=provisioned)
        for label in site_parts.structure_models():
            copier = site_parts.structure_copier(label) or _copy_rows(label)
            count = copier(source.schema_name, target.schema_name)
            result.copied[label] = count
            if count:
                progress(f"copied {count} {apps.get_model(label)._meta.verbose_name_plural}")
        if source.logo:
            _copy_logo(source, target)
            progress("copied the logo")
    result.left_behind = sorted(site_parts.content_models())
    return result


def _copy_rows(label: str) -> Callable[[str, str], int]:
    """Copy every row of ``label`` as it is, ids included."""
    model = apps.get_model(label)

    def copy(source_schema: str, target_schema: str) -> int:
        with schema_context(source_schema):
            rows = list(model.objects.values(*(f.attname for f in model._meta.concrete_fields)))
        with schema_context(target_schema):
            model.objects.bulk_create([model(**row) for row in rows])
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
                    cursor.execute(statement)
        return len(rows)

    return copy


def copy_groups(source_schema: str, target_schema: str) -> int:
    """Roles and any other groups, their permissions matched by app and codename
    (ids may differ between two schemas)."""
    with schema_context(source_schema):
        groups = {
            group.name: list(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.prefetch_related("permissions")
        }
    with schema_context(target_schema):
        for name, permissions in groups.items():
            group, _created = Group.objects.get_or_create(name=name)
            wanted = set(permissions)
            group.permissions.add(
                *[
                    permission
                    for permission in Permission.objects.select_related("content_type")
                    if (permission.content_type.app_label, permission.codename) in wanted
                ]
            )
    return len(groups)


def _copy_logo(source: Site, target: Site) -> None:
    name = f"logos/{target.code}{source.logo.name[source.logo.name.rfind('.') :]}"
    target.logo.name = name
    target.save(update_fields=["logo"])

    def copy() -> None:
        if default_storage.exists(name):
            default_storage.delete(name)
        with default_storage.open(source.logo.name, "rb") as stream:
            default_storage.save(name, stream)

    transaction.on_commit(copy)

"""Which site the current database connection is working for."""

from django.db import connection

from tenants.models import Site


class NotInSiteSchema(RuntimeError):
    pass


def current_site() -> Site:
    """The site whose schema the connection is set to.

    Fails closed: code that needs a site and runs in the public schema
    raises instead of quietly reading or writing shared tables.
    """
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Site) and tenant.pk and tenant.schema_name == connection.schema_name:
        return tenant
    if connection.schema_name == "public":
        raise NotInSiteSchema("this needs a site: enter its schema with schema_context()")
    return Site.objects.get(schema_name=connection.schema_name)

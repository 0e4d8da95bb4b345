"""Which site the current database connection is working for."""

from django.db import connection, transaction

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


def in_schema(site: Site, function, *args, **kwargs):
    """A callable that runs ``function`` inside ``site``'s schema, for
    ``transaction.on_commit``: by the time it runs, the connection may be
    working for another site or for none."""
    from django_tenants.utils import schema_context

    def run() -> None:
        with schema_context(site.schema_name):
            function(*args, **kwargs)

    return run


def after_commit(site: Site, function, *args, **kwargs) -> None:
    """Run ``function`` in ``site``'s schema once the transaction commits.

    For e-mails and other side effects of data already saved: a failure (a
    mail server down) is logged, and does not turn a request whose data was
    saved into an error page.
    """
    transaction.on_commit(in_schema(site, function, *args, **kwargs), robust=True)


def site_country_options() -> list:
    """Choices of a form's country field: the current site's two countries
    first, then every other (``languages.formatting.country_options``)."""
    from languages.formatting import country_options

    try:
        first = current_site().countries
    except NotInSiteSchema:
        first = ()
    return country_options(first)

"""The database ENGINE (``tenants.postgresql_backend``): django-tenants'
PostgreSQL backend with a cheaper per-request health check (``base``)."""

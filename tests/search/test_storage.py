"""How search documents are stored (search/migrations/0009_vector_inline)."""

import pytest
from django.db import connection


@pytest.mark.xfail(
    strict=True,
    reason="a site schema is cloned with LIKE … INCLUDING DEFAULTS INCLUDING IDENTITY"
    " (tenants/services/schema_clone.py), which drops the column's storage: it needs"
    " INCLUDING STORAGE INCLUDING COMPRESSION too",
)
def test_the_vector_stays_in_the_row(site_vn, in_site):
    # The probe reads ``vector`` row by row in date order: out of line, each
    # row cost a TOAST look-up (7.8 ms against 1.6 ms for 1,000 articles).
    with in_site(site_vn), connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'search_searchdocument'::regclass AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("m",)

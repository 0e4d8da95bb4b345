"""How search documents are stored (search/migrations/0009_vector_inline)."""

from django.db import connection


def test_the_vector_stays_in_the_row(site_vn, in_site):
    # The probe reads ``vector`` row by row in date order: out of line, each
    # row cost a TOAST look-up (7.8 ms against 1.6 ms for 1,000 articles).
    with in_site(site_vn), connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'search_searchdocument'::regclass AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("m",)

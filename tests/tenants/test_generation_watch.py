"""Writes moving generations whatever form their statement takes
(tenants.generations.watch_writes): a statement built with psycopg2.sql
reaches the connection as an object, not a string."""

import pytest
from django.db import connection
from psycopg2 import sql

from tenants import generations


@pytest.mark.django_db
def test_a_write_built_with_psycopg2_sql_moves_the_sites_generation(
    site_vn, site_id, in_site, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        before = generations.current(site_vn.schema_name)[0]
        other_before = generations.current(site_id.schema_name)[0]
        statement = sql.SQL("UPDATE {} SET title_en = title_en WHERE id < 0").format(
            sql.Identifier("cooperation_article")
        )
        with django_capture_on_commit_callbacks(execute=True), connection.cursor() as cursor:
            cursor.execute(statement)

        assert generations.current(site_vn.schema_name)[0] > before
        assert generations.current(site_id.schema_name)[0] == other_before


@pytest.mark.django_db
def test_a_read_built_with_psycopg2_sql_moves_nothing(
    site_vn, in_site, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        before = generations.current(site_vn.schema_name)
        statement = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("cooperation_article"))
        with django_capture_on_commit_callbacks(execute=True), connection.cursor() as cursor:
            cursor.execute(statement)

        assert generations.current(site_vn.schema_name) == before

"""Families of tables with a generation of their own (tenants.generations):
what is derived from them alone is kept across the site's other writes,
and never past a write that may have changed them."""

import pytest

from tenants import generations

SCHEMA = "site_family"


def test_a_write_naming_a_familys_table_anywhere_moves_the_family():
    moved = [
        generations.schemas_written(SCHEMA, sql)
        for sql in (
            'UPDATE "search_productterm" SET text = %s',
            "WITH gone AS (SELECT 1) DELETE FROM search_productcode WHERE code = %s",
            'TRUNCATE "cooperation_article", "search_productterm"',
            "INSERT INTO search_searchword (word) SELECT text FROM search_productterm",
        )
    ]

    assert all(f"{SCHEMA}~vocabulary" in written and SCHEMA in written for written in moved)


def test_other_writes_move_the_site_alone():
    written = generations.schemas_written(
        SCHEMA, 'INSERT INTO "cooperation_article" (slug) VALUES (%s)'
    )

    assert written == {SCHEMA}


def test_a_whole_schema_moved_by_hand_moves_its_families(settings, tmp_path):
    """A restore copies rows in by COPY, which no write watcher sees; it
    moves the schema, and so every family of it."""
    settings.GENERATIONS_DIR = str(tmp_path)
    before = generations.family_generation(SCHEMA, "vocabulary")

    generations.bump(SCHEMA)

    assert generations.family_generation(SCHEMA, "vocabulary") > before


@pytest.mark.django_db
def test_a_schema_cloned_under_a_name_used_before_starts_with_numbers_of_its_own(
    site_vn, django_capture_on_commit_callbacks
):
    """A site dropped and launched again under its name: what workers kept
    of the old one (its vocabulary: another site's names) must not be read
    for the new one. clone_schema's copies are statements the write watcher
    does not see."""
    from tenants.services.schema_clone import clone_schema

    target = "site_used_before"
    before = generations.current(target)[0], generations.family_generation(target, "vocabulary")

    with django_capture_on_commit_callbacks(execute=True):
        clone_schema(site_vn.schema_name, target)

    after = generations.current(target)[0], generations.family_generation(target, "vocabulary")
    assert after[0] > before[0] and after[1] > before[1]


@pytest.mark.django_db
def test_a_form_posted_moves_the_site_not_its_vocabulary(client, site_vn):
    """Every successful POST moves its site's number (the page cache's net
    for what the watcher cannot see); the vocabulary's moves with writes to
    its own tables: a registration must not make every worker read it again."""
    before = generations.family_generation(site_vn.schema_name, "vocabulary")
    site_before = generations.current(site_vn.schema_name)[0]

    response = client.post("/en/questions/ask/", {}, HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 200  # the form again, with its errors
    assert generations.current(site_vn.schema_name)[0] > site_before
    assert generations.family_generation(site_vn.schema_name, "vocabulary") == before

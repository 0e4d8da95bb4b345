"""Families of tables with a generation of their own (tenants.generations):
what is derived from them alone is kept across the site's other writes,
and never past a write that may have changed them."""

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

from django.db import migrations

# Each document's ``vector`` (~1.2 KB) kept in its row, compressed if need
# be, and the body moved out instead: stored out of line (the toaster's
# default for the widest column of a ~2.6 KB row), every row the search
# probe reads in date order cost a TOAST index look-up and two or three
# chunks. On the benchmark site (1,000 articles × 3 languages) the Vietnamese
# articles' vectors read in 7.8 ms out of line, 1.6 ms in the row; the search
# page's statement went from ~19 to ~12.5 ms of execution. Only the page's
# 20 results read a body.
#
# SET STORAGE applies to values written after it, so the vectors are
# rewritten (``|| ''`` makes a new value; the same one would keep its TOAST
# pointer): ~0.8 s for 3,750 documents. The table is analysed after, since
# stale counts made the page's statement worse than before. Its old rows
# wait for autovacuum (the site's migrations run in one transaction, where
# VACUUM cannot): until then the doubled table read 2,482 pages for 1,250
# rows, and at 100,000 articles (495,700 documents) searches took ~1 s
# (bench/content.py) until autovacuum had passed, ~2 minutes later. Run
# ``VACUUM search_searchdocument`` in each site schema right after deploying.
FORWARD = """
ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE MAIN;
UPDATE search_searchdocument SET vector = vector || ''::tsvector;
"""
BACKWARD = "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED;"


class Migration(migrations.Migration):
    dependencies = [("search", "0008_shelves")]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.RunSQL("ANALYZE search_searchdocument", migrations.RunSQL.noop),
    ]

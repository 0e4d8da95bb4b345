from django.db import migrations

# Each document's ``vector`` (~1.2 KB) kept in its row, compressed if need
# be, and the body moved out instead: stored out of line (the toaster's
# default for the widest column of a ~2.6 KB row), every row the search
# probe reads in date order cost a TOAST index look-up and two or three
# chunks. On the benchmark site (1,000 articles × 3 languages) the Vietnamese
# articles' vectors read in 7.8 ms out of line, 1.6 ms in the row.
#
# SET STORAGE changes the catalog only (no rewrite, no long lock): it applies
# to vectors written after it. A new site, and every document indexed from
# now on, has them in the row; an existing site's older documents move when
# ``rebuild_search_index`` rewrites them. Rewriting them here instead left a
# big site's table doubled with dead rows until autovacuum passed (at 100,000
# articles, searches took ~1 s for ~2 minutes, bench/content.py), and VACUUM
# cannot run in the transaction a site's migrations share.
class Migration(migrations.Migration):
    dependencies = [("search", "0008_shelves")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE MAIN",
            "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED",
        ),
    ]

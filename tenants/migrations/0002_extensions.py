# Extensions live in the public schema; every site schema sees them through
# its search path (site schema first, then public).
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tenants", "0001_initial")]

    operations = [TrigramExtension(), UnaccentExtension()]

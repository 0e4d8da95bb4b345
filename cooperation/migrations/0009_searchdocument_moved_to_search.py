# SearchDocument now belongs to the search app, whose first migration renames
# its table and moves its content type; here it only leaves cooperation's state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cooperation', '0008_opportunity_withdrawn'),
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='SearchDocument')],
        ),
    ]

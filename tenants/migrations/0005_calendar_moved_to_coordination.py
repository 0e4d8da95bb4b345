# The coordination index now belongs to the coordination app, whose first
# migration renames its tables and moves its content types; here it only
# leaves the tenants app's state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('tenants', '0004_site_response_days'),
        ('coordination', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name='calendarentry', name='site'),
                migrations.DeleteModel(name='CalendarClash'),
                migrations.DeleteModel(name='CalendarEntry'),
            ],
        ),
    ]

# The event log is append-only in the database too (gongkai.web.appendonly).
from django.db import migrations

from gongkai.web.appendonly import protect


class Migration(migrations.Migration):
    dependencies = [("applications", "0007_fill_stored_due_date")]

    operations = [protect("applications_applicationevent")]

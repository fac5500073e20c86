"""Fill the stored due date of the applications that exist (computed as gongkai.deadlines does)."""

from django.db import migrations


def fill(apps, schema_editor):
    from gongkai.applications.deadline import recompute_stored_due

    recompute_stored_due(apps.get_model("applications", "Application").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0006_stored_due_date"),
        ("holidays", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

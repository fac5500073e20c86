"""The starting 主题分类 and 体裁 lists (gongkai.catalogue.vocabularies)."""

from django.db import migrations

from gongkai.catalogue.vocabularies import ensure


def forwards(apps, schema_editor):
    ensure(apps.get_model("catalogue", "Topic"), apps.get_model("catalogue", "Genre"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_register_documents")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

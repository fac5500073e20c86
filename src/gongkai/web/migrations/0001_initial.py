from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    # The database cache (settings.CACHES) shared by every server; idempotent.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("subject", models.CharField(max_length=80)),
                ("window_start", models.BigIntegerField()),
                ("expires", models.BigIntegerField(db_index=True)),
                ("hits", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("subject", "window_start"), name="one_counter_per_window"
                    )
                ],
            },
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False),
    ]

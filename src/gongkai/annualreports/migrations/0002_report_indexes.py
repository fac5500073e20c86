"""Indexes of the annual-report aggregation on the application tables (see ../indexes.py)."""

from django.db import migrations

from gongkai.annualreports.indexes import INDEXES, create_statements


class Migration(migrations.Migration):
    dependencies = [
        ("annualreports", "0001_initial"),
        ("applications", "0003_fees"),
    ]

    operations = [
        migrations.RunSQL(sql, f"DROP INDEX IF EXISTS {name}")
        for sql, (name, _, _) in zip(create_statements(), INDEXES, strict=True)
    ]

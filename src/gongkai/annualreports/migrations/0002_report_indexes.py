"""Indexes the annual-report aggregation needs on the application tables (benchmarks/annual_report_1m.py).

They live in this app because only the report needs them: the 表三 query filters on agency and the
receipt and answer dates and groups by applicant category and outcome, all read from one covering
index; 表四 filters cases on filing and conclusion dates.
"""

from django.db import migrations

INDEXES = [
    ("annual_app_t3", "applications_application", "agency_id, received_on, replied_on, applicant_type, outcome"),
    ("annual_case_t4", "applications_reviewcase", "application_id, filed_on, concluded_on, kind, result"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("annualreports", "0001_initial"),
        ("applications", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]

# Published versions are frozen in the database too (gongkai.web.appendonly).
from django.db import migrations

from gongkai.web.appendonly import protect


class Migration(migrations.Migration):
    dependencies = [("annualreports", "0002_report_indexes")]

    operations = [protect("annualreports_publishedreport")]

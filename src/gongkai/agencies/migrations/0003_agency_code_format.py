"""Agency codes get a format rule (agencies.models.validate_agency_code). The codes already stored
are checked first: a code the rule refuses stops the migration with the list of codes to rename
in the admin, since such a code can make application numbers of two agencies look alike."""

from django.db import migrations, models

import gongkai.agencies.models


def check_existing_codes(apps, schema_editor):
    from gongkai.agencies.models import agency_code_problem

    Agency = apps.get_model("agencies", "Agency")
    bad = [
        (code, agency_code_problem(code)) for code in Agency.objects.values_list("code", flat=True)
    ]
    bad = [(code, problem) for code, problem in bad if problem]
    if bad:
        lines = "\n".join(f"  {code}: {problem}" for code, problem in bad)
        raise RuntimeError(
            f"{len(bad)} agency code(s) do not follow the code format; rename them (Django admin, 机关) "
            f"with the previous release, then migrate again:\n{lines}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_agency_office_details"),
    ]

    operations = [
        migrations.RunPython(check_existing_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agency",
            name="code",
            field=models.CharField(
                help_text="大写字母、数字和连字符，如 DEMO-01；是本机关申请编号的前缀",
                max_length=32,
                unique=True,
                validators=[gongkai.agencies.models.validate_agency_code],
                verbose_name="机关代码",
            ),
        ),
    ]

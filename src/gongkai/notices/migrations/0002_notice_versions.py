import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="notice", name="one_notice_per_kind"),
        migrations.RemoveConstraint(model_name="notice", name="no_duplicate_document_number"),
        migrations.AddField(
            model_name="notice",
            name="version",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="notice",
            name="draft",
            field=models.BooleanField(default=False, verbose_name="草稿"),
        ),
        migrations.AlterField(
            model_name="notice",
            name="year",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="notice",
            name="seq",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="notice",
            name="number",
            field=models.CharField(blank=True, max_length=80, verbose_name="文号"),
        ),
        migrations.AddField(
            model_name="notice",
            name="superseded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="被取代时间"),
        ),
        migrations.AddField(
            model_name="notice",
            name="superseded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="notices.notice",
                verbose_name="取代它的版本",
            ),
        ),
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.UniqueConstraint(
                fields=("application", "kind", "version"), name="one_version_number_per_letter"
            ),
        ),
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("superseded_at__isnull", True)),
                fields=("application", "kind"),
                name="one_current_letter_per_kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("seq__isnull", False)),
                fields=("agency", "year", "kind", "seq"),
                name="no_duplicate_document_number",
            ),
        ),
    ]

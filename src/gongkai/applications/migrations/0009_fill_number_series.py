"""Start each agency's number series after the numbers it has already given, and date the pending
extension requests from their events (approval must not predate the request)."""

from django.db import migrations


def fill(apps, schema_editor):
    from django.utils import timezone

    from gongkai.applications.numbering import split_number

    Application = apps.get_model("applications", "Application")
    Agency = apps.get_model("agencies", "Agency")
    NumberSeries = apps.get_model("applications", "NumberSeries")
    ApplicationEvent = apps.get_model("applications", "ApplicationEvent")

    codes = dict(Agency.objects.values_list("pk", "code"))
    last: dict[tuple[int, int], int] = {}
    for agency_id, number in Application.objects.values_list("agency_id", "number").iterator(
        chunk_size=5000
    ):
        parts = split_number(number)
        # Only the agency's own pattern counts (a number of another shape cannot collide).
        if parts is not None and parts[0] == codes.get(agency_id):
            key = (agency_id, parts[1])
            last[key] = max(last.get(key, 0), parts[2])
    NumberSeries.objects.bulk_create(
        [
            NumberSeries(agency_id=agency_id, year=year, last=seq)
            for (agency_id, year), seq in last.items()
        ],
        batch_size=1000,
    )

    pending = Application.objects.filter(
        extension_requested_days__isnull=False, extension_requested_on__isnull=True
    )
    for app in pending.iterator():
        event = (
            ApplicationEvent.objects.filter(application_id=app.pk, kind="extension_requested")
            .order_by("-pk")
            .first()
        )
        if event is not None:
            Application.objects.filter(pk=app.pk).update(
                extension_requested_on=timezone.localdate(event.created_at)
            )


class Migration(migrations.Migration):
    dependencies = [("applications", "0008_number_series_provisional_due")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

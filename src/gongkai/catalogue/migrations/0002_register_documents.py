"""The 规章 and 规范性文件 of the annual reports' register (annualreports.RegisterDocument)
become catalogue items, so 表二 第二十条第（一）项 is counted from one register.

The mapping keeps every count of 表二 as it was: 制发日期 → 成文日期, 公开日期 (blank: published
when issued) → 发布日期, 废止（失效）日期 → 有效性 废止 with that date. They were public
documents already, so they are 主动公开 and approved, with the migration as the note (no
reviewer: none was recorded before). Each gets a 索引号 of its agency's series and one event.
"""

from django.db import migrations

NOTE = "由年度报告全清单迁入（迁入前未记录审查人）"


def forwards(apps, schema_editor):
    RegisterDocument = apps.get_model("annualreports", "RegisterDocument")
    Item = apps.get_model("catalogue", "Item")
    ItemEvent = apps.get_model("catalogue", "ItemEvent")
    IndexSeries = apps.get_model("catalogue", "IndexSeries")
    Agency = apps.get_model("agencies", "Agency")
    codes = dict(Agency.objects.values_list("pk", "code"))
    last: dict[tuple[int, int], int] = {}
    items = []
    for doc in RegisterDocument.objects.order_by("agency_id", "issued_on", "pk").iterator():
        key = (doc.agency_id, doc.issued_on.year)
        if key not in last:
            series = IndexSeries.objects.filter(
                agency_id=doc.agency_id, year=doc.issued_on.year
            ).first()
            last[key] = series.last if series else 0
        last[key] += 1
        items.append(
            Item(
                agency_id=doc.agency_id,
                index_no=f"{codes[doc.agency_id]}/{key[1]}-{last[key]:05d}",
                title=doc.title,
                doc_number=doc.doc_number,
                formed_on=doc.issued_on,
                published_on=doc.published_on or doc.issued_on,
                register_kind=doc.kind,
                art20_item="1",
                validity="repealed" if doc.repealed_on else "valid",
                validity_on=doc.repealed_on,
                attribute="proactive",
                review="approved",
                review_note=NOTE,
            )
        )
    for (agency_id, year), value in last.items():
        IndexSeries.objects.update_or_create(
            agency_id=agency_id, year=year, defaults={"last": value}
        )
    created = Item.objects.bulk_create(items, batch_size=1000)
    if created and created[0].pk is None:  # databases that do not return keys from bulk inserts
        created = list(Item.objects.filter(review_note=NOTE).order_by("pk"))
    ItemEvent.objects.bulk_create(
        [
            ItemEvent(
                item=i,
                kind="migrated",
                after={"index_no": i.index_no, "title": i.title, "note": NOTE},
            )
            for i in created
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("annualreports", "0004_merge_frozen_and_records"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]

"""An agency's public items by 第二十条 item, 主题 and 体裁 (the filtered 目录 and the 指南's
分类): without them each reads every public item of the agency."""

from django.db import migrations

from gongkai.zfxxgk.index_sql import PUBLIC_BY_FACET, PUBLIC_BY_FACET_DROP


class Migration(migrations.Migration):
    dependencies = [("zfxxgk", "0003_public_latest_index")]

    operations = [
        migrations.RunSQL(create, drop)
        for create, drop in zip(PUBLIC_BY_FACET, PUBLIC_BY_FACET_DROP, strict=True)
    ]

"""The newest public items of all agencies (the 专栏's home, its feed, the search's newest
matches): the catalogue's own index starts with the agency, so without this one every such page
sorts every public item."""

from django.db import migrations

from gongkai.zfxxgk.index_sql import PUBLIC_LATEST, PUBLIC_LATEST_DROP


class Migration(migrations.Migration):
    dependencies = [("zfxxgk", "0002_search_index")]

    operations = [migrations.RunSQL(PUBLIC_LATEST, PUBLIC_LATEST_DROP)]

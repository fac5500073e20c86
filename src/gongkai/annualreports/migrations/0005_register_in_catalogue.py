# The register of 规章 and 规范性文件 lives in the catalogue now (catalogue 0002 copied it).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("annualreports", "0004_merge_frozen_and_records"),
        ("catalogue", "0002_register_documents"),
    ]

    operations = [migrations.DeleteModel(name="RegisterDocument")]

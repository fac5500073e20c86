"""UPLOAD_STORAGE=s3: identity documents go to an S3 bucket (moto's in-process S3, through
django-storages and boto3 as in production), staff read them back through the staff view, the
backup copies them, and nothing is written to the upload folder."""

from __future__ import annotations

import pytest
from django.core.files.storage import storages

from gongkai.portal.models import Submission
from gongkai.web.storage import walk

from .conftest import file_online, id_scan

moto = pytest.importorskip("moto")
BUCKET = "gongkai-uploads"


@pytest.fixture
def s3_store(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with moto.mock_aws():
        import boto3

        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {
                "BACKEND": "gongkai.web.storage.PrivateS3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "region_name": "us-east-1", "location": "site1"},
            },
        }
        # The model field took its storage when the models loaded; point it at the new one.
        monkeypatch.setattr(
            Submission._meta.get_field("id_document"), "storage", storages["private"]
        )
        yield boto3.client("s3", region_name="us-east-1")


@pytest.mark.django_db
def test_identity_documents_live_in_the_bucket(s3_store, world, client, settings, tmp_path):
    submission = file_online(world.office_a)
    keys = [o["Key"] for o in s3_store.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"site1/{submission.id_document.name}"]
    assert not (tmp_path / "private").exists() or not any((tmp_path / "private").rglob("*.png"))
    # Private objects: no public ACL grant.
    grants = s3_store.get_object_acl(Bucket=BUCKET, Key=keys[0])["Grants"]
    assert all("AllUsers" not in str(g.get("Grantee")) for g in grants)

    client.force_login(world.registrar)
    response = client.get(f"/staff/online/{submission.pk}/id-document/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == id_scan().read()
    # The backup reads the store through the same API.
    assert list(walk(storages["private"])) == [submission.id_document.name]

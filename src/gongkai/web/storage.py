"""The "private" storage (settings.STORAGES["private"]): uploads only staff may read, in a store
every application server reaches. Neither backend gives files a public URL: they are served by
the staff views, after the access check, through Django."""

from __future__ import annotations

import functools
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder: PORTAL_UPLOAD_DIR, read on every use (tests and the backup restore change it).
    With several machines it is a shared mount (NFS, CephFS) at the same path on each."""

    def __init__(self, **kwargs):
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return settings.PORTAL_UPLOAD_DIR

    @property
    def location(self):
        return os.path.abspath(self.base_location)


@functools.cache
def _s3_storage_class():
    from storages.backends.s3 import S3Storage

    class PrivateS3Storage(S3Storage):
        """An S3-compatible bucket (MinIO, Ceph RGW, a cloud's object store) through django-storages.
        Objects are private; names are never overwritten (a new upload gets a new name)."""

        default_acl = "private"
        querystring_auth = True
        file_overwrite = False

    return PrivateS3Storage


def __getattr__(name):
    # django-storages and boto3 are imported only when the S3 backend is configured.
    if name == "PrivateS3Storage":
        return _s3_storage_class()
    raise AttributeError(name)


def walk(storage, folder: str = ""):
    """Every file name in a storage, depth first (backups copy the store through this)."""
    dirs, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(dirs):
        yield from walk(storage, f"{folder}/{name}" if folder else name)

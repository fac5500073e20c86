"""Background work of the catalogue: an XLSX import runs in the worker (`manage.py worker`), the
staff page polls its progress (views.import_status)."""

from __future__ import annotations

from django_tasks import task

from . import imports
from .models import ImportJob


@task()
def run_import(job_id: int) -> int:
    return imports.run(ImportJob.objects.select_related("agency", "created_by").get(pk=job_id))

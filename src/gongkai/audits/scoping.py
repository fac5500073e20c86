"""Who sees which audit (decided here, from gongkai.agencies.access):
- a batch: the supervisors and administrators of the office that owns it (《条例》第四十七条: the
  主管部门 audits its units), and the installation's superusers (read only);
- a report's result: those who see its batch, and every member of the unit the report belongs to
  (a unit sees its own results, never another unit's).
Anything else is 404: not even its existence shows."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai.agencies.access import Access

from .models import AuditBatch, AuditedReport
from .services import AUDITING_ROLES


def auditing_offices(access: Access) -> frozenset[int]:
    """Offices whose batches the user runs."""
    return access.agencies_with(AUDITING_ROLES)


def batches(access: Access) -> QuerySet[AuditBatch]:
    if access.is_superuser:
        return AuditBatch.objects.all()
    return AuditBatch.objects.filter(owner_id__in=auditing_offices(access))


def reports(access: Access) -> QuerySet[AuditedReport]:
    if access.is_superuser:
        return AuditedReport.objects.all()
    return AuditedReport.objects.filter(
        Q(batch__owner_id__in=auditing_offices(access)) | Q(agency_id__in=list(access.roles))
    )


def own_reports(access: Access) -> QuerySet[AuditedReport]:
    """The results of the user's own units' reports (what a unit sees)."""
    return AuditedReport.objects.filter(agency_id__in=list(access.roles))


def batch_or_404(access: Access, pk: int) -> AuditBatch:
    return get_object_or_404(batches(access).select_related("owner", "created_by"), pk=pk)


def report_or_404(access: Access, pk: int) -> AuditedReport:
    row = (
        reports(access)
        .select_related("batch", "batch__owner", "agency", "previous")
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise Http404
    return row

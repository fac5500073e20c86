"""Changes to schemes, indicators and manual scores, and publishing a year's scores: only by the
supervising office.

Each checks the actor's supervisor role at the scheme's office afresh (access.roles_at). While a
year's scores are published (定稿) its tree and manual scores cannot change: the office withdraws
the publication first, which is recorded like the publication itself (models.Release).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.access import roles_at
from gongkai.agencies.models import Agency, Role
from gongkai.web.uploads import Checked

from . import scoring
from .models import MANUAL, Indicator, ManualScore, Release, ReleaseKind, Scheme


class EvaluationError(Exception):
    pass


def _require_office(actor, office_id: int) -> None:
    if Role.SUPERVISOR not in roles_at(actor, office_id):
        raise EvaluationError("只有考评机关的监督人员可以修改考评细则和评分。")


def _locked(scheme: Scheme) -> Scheme:
    """The scheme, locked: two publications or a publication and a score cannot interleave."""
    return Scheme.objects.select_for_update().select_related("office").get(pk=scheme.pk)


def _require_open(scheme: Scheme) -> None:
    """Refuse a change of the tree or of a score while the year's scores are published."""
    locked = _locked(scheme)
    if locked.in_force() is not None:
        raise EvaluationError(
            f"{locked.year}年度考评结果已发布（定稿），不能修改指标和评分；如需修改，请先撤回发布。"
        )


# The first-level indicators of published third-party evaluations, as a starting tree.
DEFAULT_TREE = [
    (
        "基础配套",
        Decimal(20),
        [
            ("政府信息公开指南和目录", Decimal(10), MANUAL, None),
            ("年度报告质量", Decimal(10), "report_errors", Decimal(2)),
        ],
    ),
    (
        "主动公开",
        Decimal(30),
        [
            ("主动公开及时性", Decimal(15), "catalogue_late", Decimal(1)),
            ("政策解读", Decimal(15), "interpretation_missing", Decimal(3)),
        ],
    ),
    (
        "依申请公开",
        Decimal(30),
        [
            ("按期答复", Decimal(20), "answer_timeliness", None),
            ("逾期办理", Decimal(10), "overdue_share", None),
        ],
    ),
    (
        "监督与救济",
        Decimal(20),
        [
            ("复议诉讼纠错", Decimal(10), "review_corrections", Decimal(5)),
            ("通报整改", Decimal(10), "rectification_overdue", Decimal(5)),
        ],
    ),
]


@transaction.atomic
def create_scheme(
    *, office: Agency, year: int, actor, title: str = "", starter: bool = True
) -> Scheme:
    """A new scheme: a copy of the office's latest earlier one, else the default tree."""
    _require_office(actor, office.pk)
    if Scheme.objects.filter(office=office, year=year).exists():
        raise EvaluationError(f"{year}年度的考评细则已存在。")
    previous = Scheme.objects.filter(office=office, year__lt=year).order_by("-year").first()
    if previous is not None:
        return copy_scheme(previous, year=year, actor=actor, title=title)
    scheme = Scheme.objects.create(
        office=office,
        year=year,
        title=title or f"{year}年度政府信息公开工作考评细则",
        created_by=actor,
    )
    if starter:
        for position, (name, points, children) in enumerate(DEFAULT_TREE):
            parent = Indicator.objects.create(
                scheme=scheme, name=name, points=points, position=position
            )
            for j, (child, child_points, method, deduction) in enumerate(children):
                Indicator.objects.create(
                    scheme=scheme,
                    parent=parent,
                    name=child,
                    points=child_points,
                    method=method,
                    deduction=deduction,
                    position=j,
                )
    return scheme


@transaction.atomic
def copy_scheme(source: Scheme, *, year: int, actor, title: str = "") -> Scheme:
    """Last year's tree, indicator by indicator, under a new year; the source stays as it was."""
    _require_office(actor, source.office_id)
    if Scheme.objects.filter(office_id=source.office_id, year=year).exists():
        raise EvaluationError(f"{year}年度的考评细则已存在。")
    scheme = Scheme.objects.create(
        office_id=source.office_id,
        year=year,
        copied_from=source,
        created_by=actor,
        title=title or source.title.replace(str(source.year), str(year)),
    )
    mapping: dict[int, Indicator] = {}
    pending = list(source.indicators.order_by("pk"))
    while pending:  # parents before children, whatever the ids
        rest = []
        for old in pending:
            if old.parent_id and old.parent_id not in mapping:
                rest.append(old)
                continue
            mapping[old.pk] = Indicator.objects.create(
                scheme=scheme,
                parent=mapping.get(old.parent_id),
                position=old.position,
                name=old.name,
                points=old.points,
                method=old.method,
                deduction=old.deduction,
                criteria=old.criteria,
            )
        if len(rest) == len(pending):
            raise EvaluationError("考评细则的指标层级有循环，无法复制。")
        pending = rest
    return scheme


def _checked(indicator: Indicator) -> Indicator:
    try:
        indicator.full_clean()
    except ValidationError as e:
        raise EvaluationError(
            "；".join(m for msgs in e.message_dict.values() for m in msgs)
        ) from None
    return indicator


@transaction.atomic
def save_indicator(indicator: Indicator, *, actor) -> Indicator:
    _require_office(actor, indicator.scheme.office_id)
    _require_open(indicator.scheme)
    if indicator.parent_id and indicator.parent_id == indicator.pk:
        raise EvaluationError("指标不能作为自己的上级指标。")
    node = indicator.parent
    while node is not None:
        if node.pk == indicator.pk:
            raise EvaluationError("上级指标不能是本指标的下级指标。")
        node = node.parent
    _checked(indicator).save()
    return indicator


@transaction.atomic
def delete_indicator(indicator: Indicator, *, actor) -> None:
    _require_office(actor, indicator.scheme.office_id)
    _require_open(indicator.scheme)
    if (
        indicator.manual_scores.exists()
        or Indicator.objects.filter(parent=indicator, manual_scores__isnull=False).exists()
    ):
        raise EvaluationError("该指标已有人工评分，不能删除。")
    indicator.delete()


@transaction.atomic
def enter_score(
    indicator: Indicator,
    *,
    unit: Agency,
    actor,
    score: Decimal,
    reason: str,
    checked: Checked | None = None,
    link: str = "",
) -> ManualScore:
    """A hand-entered score with its evidence (an uploaded file or a link), replacing an earlier one."""
    _require_office(actor, indicator.scheme.office_id)
    _require_open(indicator.scheme)
    if indicator.method != MANUAL or indicator.children.exists():
        raise EvaluationError("只有人工评分的末级指标可以录入得分。")
    if unit.pk not in indicator.scheme.office.descendant_ids() - {indicator.scheme.office_id}:
        raise EvaluationError(f"{unit.name}不在本考评细则的考评范围内。")
    if score < 0 or score > indicator.points:
        raise EvaluationError(f"得分应在0至{indicator.points}分之间。")
    if not reason.strip():
        raise EvaluationError("请写明评分说明。")
    existing = ManualScore.objects.filter(indicator=indicator, unit=unit).first()
    if checked is None and not link and not (existing and existing.evidence_file):
        raise EvaluationError("请上传佐证材料或填写佐证链接。")
    record = existing or ManualScore(indicator=indicator, unit=unit)
    record.score, record.reason, record.entered_by = score, reason.strip(), actor
    record.evidence_link = link
    if checked is not None:
        record.evidence_file.save(checked.stored_name(), checked.file, save=False)
        record.evidence_name, record.evidence_type = (
            checked.original_name,
            checked.kind.content_type,
        )
    record.save()
    return record


@transaction.atomic
def publish_scores(scheme: Scheme, *, actor) -> Release:
    """Publish (定稿) the year's scores: every unit's scores and the ranking as computed now are
    stored, and from then on are the published ones whatever the records become."""
    _require_office(actor, scheme.office_id)
    locked = _locked(scheme)
    if locked.in_force() is not None:
        raise EvaluationError(f"{locked.year}年度考评结果已发布；如需重新发布，请先撤回发布。")
    roots, scores = scoring.score_units(locked, scoring.units_of(locked))
    if not scores:
        raise EvaluationError("没有被考评单位，无可发布的考评结果。")
    return Release.objects.create(
        scheme=locked,
        kind=ReleaseKind.PUBLISHED,
        actor=actor,
        snapshot=scoring.snapshot(roots, scores),
    )


@transaction.atomic
def withdraw_scores(scheme: Scheme, *, actor, reason: str) -> Release:
    """Withdraw the published scores, with the reason: the tree and scores may change again and
    the scores are live until published anew. The publication stays on record."""
    _require_office(actor, scheme.office_id)
    if not reason.strip():
        raise EvaluationError("撤回发布时请写明理由。")
    locked = _locked(scheme)
    if locked.in_force() is None:
        raise EvaluationError(f"{locked.year}年度考评结果尚未发布。")
    return Release.objects.create(
        scheme=locked, kind=ReleaseKind.WITHDRAWN, actor=actor, reason=reason.strip()
    )

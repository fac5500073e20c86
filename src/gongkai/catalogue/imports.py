"""Import of an agency's existing 全清单 from XLSX (the first sheet, column names in row 1).

Columns (only 名称 and 成文日期 are required; the others may be left out):
    索引号 | 名称 | 文号 | 成文日期 | 发布日期 | 主题分类 | 体裁 | 第二十条 | 规章/规范性文件 |
    公开属性 | 理由 | 依据条款 | 有效性 | 失效/废止日期 | 内容概述

Every problem is reported by row and column (第5行第D列「成文日期」：…); if there is any, nothing
is stored: rows are all checked first, then stored in one transaction. A 索引号 the file brings
is kept (its documents are cited by it); a missing one is generated. Imported items are approved
when the importer may publish for the agency (they were published before), else they await
保密审查. Runs in the worker (tasks.run_import) with progress on the staff page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import roles_at
from gongkai.web.sheets import NotAWorkbook, Sheet, open_workbook

from . import services
from .bulk import bulk_add
from .choices import (
    Art20Item,
    Attribute,
    AttributeArticle,
    EventKind,
    RegisterKind,
    Review,
    Validity,
)
from .models import Genre, ImportJob, Item, Topic

REQUIRED = ("名称", "成文日期")
OPTIONAL = (
    "索引号",
    "文号",
    "发布日期",
    "主题分类",
    "体裁",
    "第二十条",
    "规章/规范性文件",
    "公开属性",
    "理由",
    "依据条款",
    "有效性",
    "失效/废止日期",
    "内容概述",
)
COLUMNS = (
    "索引号",
    "名称",
    "文号",
    "成文日期",
    "发布日期",
    "主题分类",
    "体裁",
    "第二十条",
    "规章/规范性文件",
    "公开属性",
    "理由",
    "依据条款",
    "有效性",
    "失效/废止日期",
    "内容概述",
)
PROGRESS_EVERY = 500


def _labels(choices, *, prefix_only=False) -> dict[str, str]:
    """Accepted spellings of a choice: its value, its label and the label up to the first '（'."""
    found = {}
    for value, label in choices.choices:
        found[value] = value
        found[label] = value
        if "（" in label[1:]:
            found[label[: label.index("（", 1)]] = value
    return found


ART20 = {
    **_labels(Art20Item),
    **{label[: label.index("）") + 1]: value for value, label in Art20Item.choices},
}
ART20.update({f"第{k}项": v for k, v in list(ART20.items()) if k.startswith("（")})
ATTRIBUTES = _labels(Attribute)
ARTICLES = _labels(AttributeArticle)
VALIDITIES = _labels(Validity)
KINDS = {**_labels(RegisterKind), "规范性文件": RegisterKind.NORMATIVE}


class ImportProblems(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _sheet(content: bytes) -> Sheet:
    """The first sheet's rows; ImportProblems when it is no workbook or lacks a required column."""
    try:
        book = open_workbook(content)
    except NotAWorkbook as e:
        raise ImportProblems([str(e)]) from None
    sheet = Sheet(book.worksheets[0], COLUMNS, [])
    if sheet.unreadable:
        raise ImportProblems(sheet.problems)
    missing = [name for name in REQUIRED if name in sheet.missing]
    if missing:
        raise ImportProblems(
            [
                f"第1行：缺少列「{name}」（列名须与模板一致：{'、'.join(COLUMNS)}）。"
                for name in missing
            ]
        )
    return sheet


def parse(
    content: bytes, job: ImportJob, progress: Callable[[int, int], None] = lambda done, total: None
) -> list[Item]:
    """Check every row; the items to store, or ImportProblems listing every problem."""
    sheet = _sheet(content)
    rows = sheet.rows
    if not rows:
        raise ImportProblems(["工作表中没有数据行。"])
    topics = {t.name: t for t in Topic.objects.all()}
    genres = {g.name: g for g in Genre.objects.all()}
    publishes = bool(roles_at(job.created_by, job.agency_id) & services.PUBLISHING_ROLES)
    taken = set(Item.objects.filter(agency=job.agency).values_list("index_no", flat=True))
    now = timezone.now()
    items = []
    for count, (n, row) in enumerate(rows, start=1):
        before = len(sheet.problems)
        title = sheet.text(row, "名称")
        if not title:
            sheet.problems.append(f"{sheet.where(n, '名称')}：不能为空。")
        formed = sheet.date(n, row, "成文日期", required=True)
        index_no = sheet.text(row, "索引号")
        if index_no and index_no in taken:
            sheet.problems.append(
                f"{sheet.where(n, '索引号')}：“{index_no}”已被本机关的其他条目使用。"
            )
        taken.add(index_no)
        topic, genre = sheet.text(row, "主题分类"), sheet.text(row, "体裁")
        for col, name, known in (("主题分类", topic, topics), ("体裁", genre, genres)):
            if name and name not in known:
                sheet.problems.append(
                    f"{sheet.where(n, col)}：“{name}”不在{col}表中（可在基础数据中添加）。"
                )
        item = Item(
            agency=job.agency,
            index_no=index_no,
            title=title,
            doc_number=sheet.text(row, "文号"),
            formed_on=formed,
            published_on=sheet.date(n, row, "发布日期"),
            topic=topics.get(topic),
            genre=genres.get(genre),
            art20_item=sheet.choice(n, row, "第二十条", ART20),
            register_kind=sheet.choice(n, row, "规章/规范性文件", KINDS),
            attribute=sheet.choice(n, row, "公开属性", ATTRIBUTES, Attribute.PROACTIVE),
            attribute_reason=sheet.text(row, "理由"),
            attribute_article=sheet.choice(n, row, "依据条款", ARTICLES),
            validity=sheet.choice(n, row, "有效性", VALIDITIES, Validity.VALID),
            validity_on=sheet.date(n, row, "失效/废止日期"),
            summary=sheet.text(row, "内容概述"),
            created_by=job.created_by,
            created_at=now,
        )
        if item.register_kind and not item.art20_item:
            item.art20_item = Art20Item.I1
        if item.attribute != Attribute.PROACTIVE:
            item.published_on = None
        if publishes:
            item.review, item.reviewed_by, item.reviewed_at = Review.APPROVED, job.created_by, now
            item.review_note = f"导入既有全清单（{job.original_name}）"
        if len(sheet.problems) == before and formed is not None:
            sheet.problems += [f"第{n}行：{p}。" for p in services.problems(item)]
        items.append(item)
        if count % PROGRESS_EVERY == 0:
            progress(count, len(rows))
    if sheet.problems:
        raise ImportProblems(sheet.problems)
    progress(len(rows), len(rows))
    return items


def run(job: ImportJob) -> int:
    """Import the job's file: all rows or, with any problem, none. Updates the job."""

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    with job.file.open("rb") as handle:
        content = handle.read()
    try:
        items = parse(content, job, progress)
        with transaction.atomic():
            bulk_add(items, kind=EventKind.IMPORTED, actor=job.created_by, note=job.original_name)
    except ImportProblems as e:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, problems=e.problems[:500]
        )
        return 0
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, imported=len(items))
    return len(items)

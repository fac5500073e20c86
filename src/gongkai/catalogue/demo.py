"""The demo district's catalogue for the demo year (called by load_demo_year, run by bin/run).

About 4,000 items across the district's units (the seed district kept a 全清单 of 4,097), stored
with bulk inserts: documents of every 体裁 and 主题, 解读 linked to about one document in eight
(文字, 图解, 视频/H5, 问答), some published late (第二十六条), a few 解读 later than their document,
some 依申请公开 and 不予公开 with reasons and articles, a few items still awaiting 保密审查; some
办法 and 意见 revised or repealed by a later document, 意见征集 linked to their result, and a few
documents with their full text (DOCX) or 公示 list (XLSX) attached.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter

from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document
from openpyxl import Workbook

from gongkai.agencies.models import Role
from gongkai.holidays.table import working_calendar

from . import attachments, vocabularies
from .bulk import BATCH, bulk_add
from .choices import (
    AmendmentKind,
    Art20Item,
    AttributeArticle,
    EventKind,
    InterpretationKind,
    Review,
    Validity,
)
from .models import Attachment, Genre, Item, ItemEvent, Topic

NOTE = "演示数据"
SUBJECTS = [
    "安全生产",
    "城市环境卫生",
    "老旧小区改造",
    "义务教育招生",
    "医疗保障",
    "就业创业",
    "农村人居环境",
    "防汛",
    "食品安全",
    "政务服务",
    "营商环境",
    "养老服务",
    "消防安全",
    "生活垃圾分类",
    "河湖长制",
    "优化停车管理",
]
FORMS = [
    ("通知", "关于做好{s}工作的通知", Art20Item.I15),
    ("意见", "关于进一步加强{s}的实施意见", Art20Item.I11),
    ("方案", "{s}专项整治工作方案", Art20Item.I13),
    ("办法", "{s}管理办法", Art20Item.I1),
    ("通告", "关于{s}有关事项的通告", Art20Item.I15),
    ("报告", "{year}年{s}工作情况报告", Art20Item.I15),
    ("计划", "{year}年{s}工作计划", Art20Item.I3),
    ("公告", "{s}项目公示公告", Art20Item.I10),
    ("批复", "关于{s}有关事项的批复", Art20Item.I5),
    ("意见征集", "关于《{s}管理办法（征求意见稿）》公开征求意见的公告", Art20Item.I15),
]
WITHHELD = [
    (AttributeArticle.ART14, "涉及国家秘密，经保密审查确定不予公开。"),
    (AttributeArticle.ART16_1, "属于人事管理、内部工作流程等内部事务信息。"),
    (AttributeArticle.ART16_2, "属于讨论记录、过程稿等过程性信息。"),
]
ON_REQUEST = [
    (AttributeArticle.ART15, "涉及特定当事人的个人信息，仅向申请人本人提供。"),
    (AttributeArticle.ART16_2, "属于行政执法案卷信息，依申请公开。"),
]
INTERPRETATION_KINDS = list(InterpretationKind)


def loaded(year: int) -> bool:
    return Item.objects.filter(
        agency__code__startswith="DEMO", formed_on__year=year, register_kind=""
    ).exists()


def load(
    rng: random.Random,
    agencies: dict,
    staff: dict,
    year: int,
    per_agency: tuple[int, int] = (50, 110),
) -> int:
    calendar = working_calendar()
    today = timezone.localdate()
    vocabularies.ensure(Topic, Genre)
    topics = list(Topic.objects.filter(active=True))
    genres = {g.name: g for g in Genre.objects.all()}
    now = timezone.now()

    def workday(start: dt.date, end: dt.date) -> dt.date:
        while True:
            day = start + dt.timedelta(days=rng.randrange(0, (end - start).days + 1))
            if calendar.is_workday(day):
                return day

    documents: list[Item] = []
    for code, agency in agencies.items():
        people = staff.get(code, {})
        approver, registrar = people.get(Role.APPROVER), people.get(Role.REGISTRAR)
        for n in range(rng.randrange(*per_agency)):
            genre, pattern, art20 = rng.choice(FORMS)
            subject = rng.choice(SUBJECTS)
            formed = workday(dt.date(year, 1, 1), dt.date(year, 12, 31))
            item = Item(
                agency=agency,
                title=f"{agency.name}" + pattern.format(s=subject, year=year),
                doc_number=_doc_number(agency, year, n + 1)
                if genre in ("通知", "意见", "办法", "批复")
                else "",
                summary=f"{subject}相关{genre}。",
                body=f"为做好{subject}工作，现将有关事项{genre}如下。\n一、总体要求……\n二、主要措施……",
                formed_on=formed,
                topic=rng.choice(topics),
                genre=genres.get(genre),
                art20_item=art20,
                created_by=registrar,
                created_at=now,
            )
            roll = rng.random()
            if roll < 0.03:
                item.attribute = "on_request"
                item.attribute_article, item.attribute_reason = rng.choice(ON_REQUEST)
            elif roll < 0.05:
                item.attribute = "withheld"
                item.attribute_article, item.attribute_reason = rng.choice(WITHHELD)
            waiting = False
            if item.attribute == "proactive":
                lag = (
                    rng.choice([1, 2, 3, 5, 8, 12, 15, 19])
                    if rng.random() > 0.07
                    else rng.randrange(22, 45)
                )
                published = calendar.add_working_days(formed, lag)
                # The last weeks of the year: some still await 保密审查 (and so are unpublished).
                if published > today or (formed.month == 12 and rng.random() < 0.3):
                    waiting = True
                else:
                    item.published_on = published
            if not waiting:
                item.review, item.reviewed_by, item.reviewed_at = Review.APPROVED, approver, now
            documents.append(item)
    amended = _plan_amendments(rng, documents, workday, calendar, today)
    documents = bulk_add(documents, kind=EventKind.IMPORTED, note=NOTE)

    interpretations: list[Item] = []
    for doc in documents:
        if (
            doc.published_on is None
            or doc.genre is None
            or doc.genre.name not in ("意见", "办法", "方案", "通知")
        ):
            continue
        if rng.random() > 0.3:
            continue
        kind = rng.choice(INTERPRETATION_KINDS)
        late = rng.random() < 0.08
        published = (
            calendar.add_working_days(doc.published_on, rng.randrange(3, 15))
            if late
            else doc.published_on
        )
        if published > today:
            published = doc.published_on
        label = {"graphic": "图解：", "video": "视频解读：", "qa": "问答："}.get(kind, "解读：")
        interpretations.append(
            _follow_up(
                doc,
                now,
                title=label + doc.title,
                summary=f"对{doc.title}的{kind.label}。",
                body=f"一、制定背景\n二、主要内容\n三、{doc.title}的适用范围",
                formed_on=doc.formed_on,
                published_on=published,
                genre=genres.get("解读"),
                interprets=doc,
                interpretation_kind=kind,
            )
        )
    amendments = _amendments(amended, genres, now)
    consulted = _consultation_results(rng, documents, calendar, genres, today, now)
    results = [result for _, result in consulted]
    bulk_add(interpretations + amendments + results, kind=EventKind.IMPORTED, note=NOTE)
    _link_results(consulted)
    _attach_files(rng, documents)
    return len(documents) + len(interpretations) + len(amendments) + len(results)


def _follow_up(doc: Item, now, **fields) -> Item:
    """An approved item that follows `doc` (its 解读, the document revising or repealing it, its
    意见征集's result): of the same agency, 主题 and 第二十条 item, registered and reviewed by the
    people who registered and reviewed `doc`."""
    return Item(
        agency=doc.agency,
        topic=doc.topic,
        art20_item=doc.art20_item,
        review=Review.APPROVED,
        reviewed_by=doc.reviewed_by,
        reviewed_at=now,
        created_by=doc.created_by,
        created_at=now,
        **fields,
    )


def _doc_number(agency, year: int, n: int) -> str:
    """A 发文字号 of the agency: its 机关代字 for disclosure letters (“示教信公”) with 发 in place
    of 信公 (“示教发〔2025〕3号”), as a district's departments number their documents."""
    prefix = agency.doc_prefix.removesuffix("信公") or "示"
    return f"{prefix}发〔{year}〕{n}号"


def _plan_amendments(rng, documents, workday, calendar, today) -> list[tuple]:
    """(document, kind, formed, published): published 办法 and 意见 that a later document of the
    year revises (the old text then 失效) or repeals (废止). Chosen before the documents are
    stored, so each is stored with its 有效性 and the day it changed: the later one's publication."""
    planned = []
    for doc in documents:
        if doc.published_on is None or doc.genre is None or doc.genre.name not in ("办法", "意见"):
            continue
        last = min(dt.date(doc.formed_on.year, 12, 31), today)
        start = doc.published_on + dt.timedelta(days=30)
        if rng.random() > 0.12 or start >= last:
            continue
        formed = workday(start, last)
        published = calendar.add_working_days(formed, rng.randrange(1, 6))
        if published > today:
            continue
        kind = AmendmentKind.REVISES if rng.random() < 0.7 else AmendmentKind.REPEALS
        doc.validity = Validity.EXPIRED if kind == AmendmentKind.REVISES else Validity.REPEALED
        doc.validity_on = published
        planned.append((doc, kind, formed, published))
    return planned


def _amendments(planned, genres: dict, now) -> list[Item]:
    """The revising or repealing documents of `_plan_amendments`, linked to what they change."""
    numbers = Counter()
    found = []
    for doc, kind, formed, published in planned:
        name = doc.title.removeprefix(doc.agency.name)
        numbers[doc.agency_id] += 1
        revises = kind == AmendmentKind.REVISES
        found.append(
            _follow_up(
                doc,
                now,
                title=f"{doc.title}（{formed.year}年修订）"
                if revises
                else f"{doc.agency.name}关于废止《{name}》的决定",
                # Past the documents' own numbers (at most a few hundred an agency).
                doc_number=_doc_number(doc.agency, formed.year, 500 + numbers[doc.agency_id]),
                summary=f"修订《{name}》（{doc.doc_number}），修订后全文公布。"
                if revises
                else f"废止《{name}》（{doc.doc_number}）。",
                body=f"《{name}》（{doc.doc_number}）修订后的全文如下。\n{doc.body}"
                if revises
                else f"经清理，决定废止《{name}》（{doc.doc_number}），自本决定发布之日起停止执行。",
                formed_on=formed,
                published_on=published,
                genre=doc.genre if revises else genres.get("决定"),
                amends=doc,
                amendment_kind=kind,
            )
        )
    return found


def _consultation_results(rng, documents, calendar, genres, today, now) -> list[tuple]:
    """(意见征集, its result): the result of about four published consultations in ten, published
    some weeks after the consultation (comments are taken for 30 days)."""
    found = []
    for doc in documents:
        if doc.published_on is None or doc.genre is None or doc.genre.name != "意见征集":
            continue
        if rng.random() > 0.4:
            continue
        formed = calendar.add_working_days(doc.published_on, rng.randrange(25, 40))
        published = calendar.add_working_days(formed, rng.randrange(1, 6))
        if published > today:
            continue
        received = rng.randrange(3, 40)
        adopted = rng.randrange(0, received + 1)
        summary = f"征求意见期间共收到意见建议{received}条，采纳{adopted}条。"
        result = _follow_up(
            doc,
            now,
            title=doc.title.replace("公开征求意见的公告", "征求意见情况的反馈"),
            summary=summary,
            body=f"{summary}\n一、意见建议的主要内容……\n二、采纳情况及未采纳的理由……",
            formed_on=formed,
            published_on=published,
            genre=genres.get("公告"),
        )
        found.append((doc, result))
    return found


def _link_results(consulted) -> None:
    """Point each 意见征集 at its stored result, one 关联 event each (the link is a change)."""
    for doc, result in consulted:
        doc.consultation_result = result
    Item.objects.bulk_update([doc for doc, _ in consulted], ["consultation_result"], BATCH)
    ItemEvent.objects.bulk_create(
        (
            ItemEvent(
                item_id=doc.pk,
                actor_id=doc.created_by_id,
                kind=EventKind.LINKED,
                before={"consultation_result": None},
                after={"consultation_result": result.pk, "note": NOTE},
            )
            for doc, result in consulted
        ),
        batch_size=BATCH,
    )


def _attach_files(rng, documents) -> None:
    """About one published 办法 or 公告 in twelve with a file: the 办法's full text (DOCX) or the
    公告's 公示 list (XLSX), checked as an upload is (gongkai.catalogue.attachments). Few and
    small: each is a stored file."""
    files, events = [], []
    for doc in documents:
        if doc.published_on is None or doc.genre is None or doc.genre.name not in ("办法", "公告"):
            continue
        if rng.random() > 0.08:
            continue
        name, content = (
            _full_text(doc) if doc.genre.name == "办法" else _public_notice_list(rng, doc)
        )
        checked = attachments.check(ContentFile(content, name=name))
        files.append(attachments.stored(doc, checked, doc.created_by))
        events.append(
            ItemEvent(
                item_id=doc.pk,
                actor_id=doc.created_by_id,
                kind=EventKind.ATTACHMENT_ADDED,
                after={"attachment": checked.original_name, "sha256": checked.sha256},
            )
        )
    Attachment.objects.bulk_create(files, batch_size=BATCH)
    ItemEvent.objects.bulk_create(events, batch_size=BATCH)


def _full_text(doc: Item) -> tuple[str, bytes]:
    document = Document()
    document.core_properties.title = doc.title
    document.add_heading(doc.title, level=1)
    if doc.doc_number:
        document.add_paragraph(doc.doc_number)
    for line in doc.body.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return f"{doc.title}.docx", out.getvalue()


def _public_notice_list(rng, doc: Item) -> tuple[str, bytes]:
    subject = doc.title.removeprefix(doc.agency.name).removesuffix("项目公示公告")
    book = Workbook()
    sheet = book.active
    sheet.title = "公示名单"
    sheet.append(["序号", "项目名称", "实施单位", "公示期"])
    for n in range(1, rng.randrange(4, 12)):
        sheet.append(
            [
                n,
                f"{subject}项目（第{n}项）",
                doc.agency.name,
                f"{doc.published_on:%Y-%m-%d}起5个工作日",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return f"{doc.title}（公示名单）.xlsx", out.getvalue()

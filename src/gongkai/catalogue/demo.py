"""The demo district's catalogue for the demo year (called by load_demo_year, run by bin/run).

About 4,000 items across the district's units (the seed district kept a 全清单 of 4,097), stored
with bulk inserts: documents of every 体裁 and 主题, 解读 linked to about one document in eight
(文字, 图解, 视频/H5, 问答), some published late (第二十六条), a few 解读 later than their document,
some 依申请公开 and 不予公开 with reasons and articles, a few items still awaiting 保密审查.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.holidays.table import working_calendar

from . import vocabularies
from .bulk import bulk_add
from .choices import Art20Item, AttributeArticle, EventKind, InterpretationKind, Review
from .models import Genre, Item, Topic

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
                doc_number=f"示{code.split('-')[-1]}〔{year}〕{n + 1}号"
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
            Item(
                agency=doc.agency,
                title=label + doc.title,
                summary=f"对{doc.title}的{kind.label}。",
                body=f"一、制定背景\n二、主要内容\n三、{doc.title}的适用范围",
                formed_on=doc.formed_on,
                published_on=published,
                topic=doc.topic,
                genre=genres.get("解读"),
                art20_item=doc.art20_item,
                interprets=doc,
                interpretation_kind=kind,
                review=Review.APPROVED,
                reviewed_by=doc.reviewed_by,
                reviewed_at=now,
                created_by=doc.created_by,
                created_at=now,
            )
        )
    bulk_add(interpretations, kind=EventKind.IMPORTED, note=NOTE)
    return len(documents) + len(interpretations)

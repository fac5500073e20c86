"""The catalogue (全清单 / 政府信息公开目录) of what each agency discloses proactively.

One `Item` per document or piece of information, registered at the source with its disclosure
attribute (公开属性源头认定), reviewed for secrets before publication (《条例》第十七条) and
published within 20 working days of being formed or changed (第二十六条). The 规章 and
规范性文件 among them are the register 表二 第二十条第（一）项 is counted from.

State and attributes are changed only by gongkai.catalogue.services, which appends one ItemEvent
(before/after) per change; the public side reads `Item.objects.public()` and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.web.models import AppendOnlyModel
from gongkai.web.uploads import private_storage

from .choices import (
    AmendmentKind,
    Art20Item,
    Attribute,
    AttributeArticle,
    EventKind,
    InterpretationKind,
    RegisterKind,
    Review,
    Validity,
)


class Vocabulary(models.Model):
    """A deployment's own list (主题分类, 体裁), kept in the admin."""

    code = models.CharField("代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField(
        "启用", default=True, help_text="停用后不再供新登记选择，已登记的条目不变"
    )

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class Topic(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"


class Genre(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "体裁"
        verbose_name_plural = "体裁"


def _unpublished_past_due(today) -> Q:
    return Q(published_on__isnull=True, due_on__lt=today)


@models.CharField.register_lookup
class Literal(models.Lookup):
    """`column = 'constant'` with the constant in the SQL text rather than a parameter: SQLite
    skips the table rows of a partial index (`PUBLIC_Q`) only when it sees the values, and reads
    every one otherwise (docs/performance-catalogue.md). For values from the code only."""

    lookup_name = "literal"

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        value = str(self.rhs).replace("'", "''")
        return f"{lhs} = '{value}'", params


class ItemQuerySet(models.QuerySet):
    def public(self) -> ItemQuerySet:
        """What anyone may see: passed 保密审查, 主动公开, and published (date set, not in the
        future). Every public page, feed, sitemap and search starts here."""
        return self.filter(
            review__literal=Review.APPROVED,
            attribute__literal=Attribute.PROACTIVE,
            published_on__isnull=False,
            published_on__lte=timezone.localdate(),
        )

    def for_access(self, access) -> ItemQuerySet:
        """The items of agencies the user may read (gongkai.agencies.access)."""
        return self.filter(agency_id__in=access.reads)

    def register(self) -> ItemQuerySet:
        """The 规章 and 规范性文件 (表二 第二十条第（一）项)."""
        return self.exclude(register_kind="")

    def to_publish(self) -> ItemQuerySet:
        """主动公开 items that count against 第二十六条's 20 working days."""
        return self.filter(attribute=Attribute.PROACTIVE, due_on__isnull=False)

    def late(self, today) -> ItemQuerySet:
        """Published after the due date, or still unpublished past it."""
        return self.to_publish().filter(
            _unpublished_past_due(today) | Q(published_on__gt=models.F("due_on"))
        )

    def overdue(self, today) -> ItemQuerySet:
        """Still unpublished past the due date: the 目录 is not current (第二十六条)."""
        return self.to_publish().filter(_unpublished_past_due(today))

    def soon_due(self, today, until) -> ItemQuerySet:
        """Unpublished, due between today and `until`."""
        return self.to_publish().filter(
            published_on__isnull=True, due_on__gte=today, due_on__lte=until
        )


PUBLIC_Q = Q(review=Review.APPROVED, attribute=Attribute.PROACTIVE, published_on__isnull=False)


class Item(models.Model):
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="catalogue_items",
        verbose_name="发布机构（主办）",
    )
    # 联合发文: the other agencies that issued it together (the catalogue holding it is `agency`'s).
    co_publishers = models.ManyToManyField(
        Agency, blank=True, related_name="co_published_items", verbose_name="联合发布机构"
    )
    # Generated once at registration (services.register), never changed: links and citations use it.
    index_no = models.CharField("索引号", max_length=60)
    title = models.CharField("名称", max_length=500)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)

    formed_on = models.DateField(
        "成文日期", help_text="信息形成之日；第二十六条的20个工作日由此起算"
    )
    changed_on = models.DateField(
        "变更日期", null=True, blank=True, help_text="信息变更的，自变更之日起重新起算"
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    # 第二十六条: 20 working days after formed_on or changed_on (ontime.due_date), stored for lists.
    due_on = models.DateField("应公开日期", null=True, blank=True)

    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, verbose_name="主题分类"
    )
    genre = models.ForeignKey(
        Genre, null=True, blank=True, on_delete=models.PROTECT, verbose_name="体裁"
    )
    art20_item = models.CharField(
        "《条例》第二十条", max_length=2, choices=Art20Item.choices, blank=True
    )
    register_kind = models.CharField(
        "规章/规范性文件",
        max_length=24,
        choices=RegisterKind.choices,
        blank=True,
        help_text="属于规章或行政规范性文件的，计入年度报告表二第二十条第（一）项",
    )
    validity = models.CharField(
        "有效性", max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    validity_on = models.DateField("失效/废止日期", null=True, blank=True)

    attribute = models.CharField(
        "公开属性", max_length=12, choices=Attribute.choices, default=Attribute.PROACTIVE
    )
    attribute_reason = models.TextField("不公开或依申请公开的理由", blank=True)
    attribute_article = models.CharField(
        "依据条款", max_length=8, choices=AttributeArticle.choices, blank=True
    )

    review = models.CharField(
        "保密审查", max_length=10, choices=Review.choices, default=Review.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="审查人",
    )
    reviewed_at = models.DateTimeField("审查时间", null=True, blank=True)
    review_note = models.CharField("审查意见", max_length=500, blank=True)

    # Links between items.
    interprets = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name="所解读的文件",
    )
    interpretation_kind = models.CharField(
        "解读形式", max_length=8, choices=InterpretationKind.choices, blank=True
    )
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amended_by",
        verbose_name="修订或废止的文件",
    )
    amendment_kind = models.CharField(
        "修订/废止", max_length=8, choices=AmendmentKind.choices, blank=True
    )
    # A 意见征集 item points to the item that publishes its result (征集结果反馈).
    consultation_result = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        verbose_name="意见征集结果",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="登记人",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "目录条目"
        verbose_name_plural = "目录条目"
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "index_no"], name="catalogue_index_no_per_agency"
            ),
            models.CheckConstraint(
                name="catalogue_reason_when_not_proactive",
                condition=Q(attribute=Attribute.PROACTIVE)
                | (~Q(attribute_reason="") & ~Q(attribute_article="")),
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "-published_on", "-id"], name="catalogue_agency_published"
            ),
            # 已逾期 / 即将到期 (late(), soon_due()): the list's capped count reads these alone
            # (index-only), not one table row per candidate (docs/performance-catalogue.md).
            models.Index(
                fields=["agency", "due_on", "published_on"],
                name="catalogue_agency_due",
                condition=Q(attribute="proactive"),
            ),
            models.Index(
                fields=["due_on", "published_on", "agency"],
                name="catalogue_due",
                condition=Q(attribute="proactive"),
            ),
            # The staff list's order (newest first): per agency, and over all agencies for a
            # supervisor's list (views._scoped walks it rather than sorting every visible row).
            models.Index(fields=["agency", "-formed_on", "-id"], name="catalogue_agency_newest"),
            models.Index(fields=["-formed_on", "-id"], name="catalogue_newest"),
            models.Index(
                fields=["agency", "register_kind", "formed_on"], name="catalogue_register"
            ),
            models.Index(fields=["agency", "doc_number"], name="catalogue_doc_number"),
            models.Index(
                fields=["agency", "-published_on", "-id"],
                name="catalogue_public_by_agency",
                condition=PUBLIC_Q,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    @property
    def is_public(self) -> bool:
        today = timezone.localdate()
        return (
            self.review == Review.APPROVED
            and self.attribute == Attribute.PROACTIVE
            and self.published_on is not None
            and self.published_on <= today
        )

    @property
    def clock_start(self):
        """The day 第二十六条's 20 working days count from: the later of formed and changed."""
        return (
            max(d for d in (self.formed_on, self.changed_on) if d is not None)
            if self.formed_on
            else None
        )


class IndexSeries(models.Model):
    """The last 索引号 sequence used per agency and year (see numbering.take_index_no)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="catalogue_one_series_per_year")
        ]


class Attachment(models.Model):
    """A file published with an item (PDF, DOCX, XLSX, images), typed by its content."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="attachments", verbose_name="条目"
    )
    file = models.FileField(
        "文件", storage=private_storage, upload_to="catalogue/%Y/%m/", max_length=200
    )
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="上传人",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ItemEvent(AppendOnlyModel):
    """One change of an item: who, when, what, and the changed fields before and after."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "目录变更记录"
        verbose_name_plural = "目录变更记录"
        ordering = ["created_at", "pk"]


class ImportJob(models.Model):
    """An XLSX 全清单 being imported by the worker: its progress for the staff page, and every
    problem by row and column when it is refused (then nothing of it is stored)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "已导入"
        FAILED = "failed", "未导入（有错误）"

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关"
    )
    file = models.FileField(
        "文件", storage=private_storage, upload_to="catalogue-imports/%Y/%m/", max_length=200
    )
    original_name = models.CharField("文件名", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="导入人"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField("行数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    imported = models.PositiveIntegerField("已导入条目", default=0)
    problems = models.JSONField("问题", default=list, blank=True)

    class Meta:
        verbose_name = "目录导入"
        verbose_name_plural = "目录导入"
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

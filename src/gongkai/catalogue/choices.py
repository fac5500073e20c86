"""The fixed vocabularies of the catalogue: those the law decides (《条例》第二十条 items, the
disclosure attribute and its articles) and those the workflow decides. 主题分类 and 体裁 are
not here: each deployment keeps its own lists as data (models.Topic, models.Genre)."""

from __future__ import annotations

from django.db import models


class Art20Item(models.TextChoices):
    """《条例》第二十条: what an agency discloses proactively, item by item."""

    I1 = "1", "（一）行政法规、规章和规范性文件"
    I2 = "2", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    I3 = "3", "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策"
    I4 = "4", "（四）国民经济和社会发展统计信息"
    I5 = "5", "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
    I6 = "6", "（六）实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定"
    I7 = "7", "（七）财政预算、决算信息"
    I8 = "8", "（八）行政事业性收费项目及其依据、标准"
    I9 = "9", "（九）政府集中采购项目的目录、标准及实施情况"
    I10 = "10", "（十）重大建设项目的批准和实施情况"
    I11 = "11", "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    I12 = "12", "（十二）突发公共事件的应急预案、预警信息及应对情况"
    I13 = "13", "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    I14 = "14", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"
    I15 = "15", "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"


class RegisterKind(models.TextChoices):
    """The two rows of 表二 第二十条第（一）项; the values are the report's row keys."""

    REGULATION = "regulations", "规章"
    NORMATIVE = "normative_documents", "行政规范性文件"


class Attribute(models.TextChoices):
    """公开属性, decided when the document is made (源头认定)."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class AttributeArticle(models.TextChoices):
    """The article a 依申请公开 or 不予公开 attribute rests on (《条例》第十四条至第十六条)."""

    ART14 = "art14", "第十四条（国家秘密、法律行政法规禁止公开、危及“三安全一稳定”）"
    ART15 = "art15", "第十五条（商业秘密、个人隐私等第三方合法权益）"
    ART16_1 = "art16_1", "第十六条第一款（人事管理、后勤管理、内部工作流程等内部事务信息）"
    ART16_2 = "art16_2", "第十六条第二款（过程性信息、行政执法案卷信息）"


class Review(models.TextChoices):
    """保密审查 (《条例》第十七条): nothing is published before it passes."""

    PENDING = "pending", "待保密审查"
    APPROVED = "approved", "审查通过"
    RETURNED = "returned", "退回修改"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class InterpretationKind(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频/H5"
    QA = "qa", "问答"


class AmendmentKind(models.TextChoices):
    REVISES = "revises", "修订"
    REPEALS = "repeals", "废止"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记"
    EDITED = "edited", "修改"
    ATTRIBUTE_CHANGED = "attribute_changed", "变更公开属性"
    SUBMITTED = "submitted", "提交保密审查"
    APPROVED = "approved", "保密审查通过"
    RETURNED = "returned", "退回修改"
    PUBLISHED = "published", "发布"
    VALIDITY_CHANGED = "validity_changed", "变更有效性"
    ATTACHMENT_ADDED = "attachment_added", "添加附件"
    LINKED = "linked", "关联"
    IMPORTED = "imported", "导入"
    MIGRATED = "migrated", "由年报全清单迁入"

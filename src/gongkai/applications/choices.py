"""The fixed vocabularies of an application. Keys are shared with the annual report model
(表三 columns and rows, 表四 groups and columns) so the report can be produced from the records."""

from __future__ import annotations

from django.db import models

from gongkai.report.templates import TEMPLATE_2021


class State(models.TextChoices):
    # Filed on the portal; the receipt date is the day staff confirm it (第三十一条第（三）项).
    SUBMITTED = "submitted", "网上提交待确认"
    REGISTERED = "registered", "已登记"
    IN_REVIEW = "in_review", "审查办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    IN_CONSULTATION = "in_consultation", "征求意见中"
    # 信息处理费 notified (国办函〔2020〕109号); the clock is paused until payment.
    AWAITING_FEE = "awaiting_fee", "待缴费"
    DECIDED = "decided", "已拟办待签发"
    REPLIED = "replied", "已答复"
    SERVED = "served", "已送达"
    ARCHIVED = "archived", "已归档"
    # An online submission staff declined (not an application to be answered: e.g. a complaint,
    # no identifiable applicant), told to the applicant with the reason; never received.
    NOT_ACCEPTED = "not_accepted", "不予受理"
    # An online submission discarded as spam or as a duplicate click of another submission.
    DISCARDED = "discarded", "已作废"


# States in which the answer clock of 《条例》第三十三条 runs or is paused (the case is open).
OPEN_STATES = frozenset(
    {
        State.SUBMITTED,
        State.REGISTERED,
        State.IN_REVIEW,
        State.AWAITING_CORRECTION,
        State.IN_CONSULTATION,
        State.AWAITING_FEE,
    }
)


class ApplicantType(models.TextChoices):
    # Exactly the six 表三 applicant columns (statute.md §1.5), same keys as the report model.
    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL_ENTERPRISE = "commercial_enterprise", "商业企业"
    RESEARCH_INSTITUTION = "research_institution", "科研机构"
    SOCIAL_WELFARE_ORG = "social_welfare_org", "社会公益组织"
    LEGAL_SERVICE_ORG = "legal_service_org", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


class IdDocType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    FOREIGN_RESIDENCE = "foreign_residence", "外国人永久居留身份证"
    OTHER = "other", "其他证件"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面提交"
    POST_SIGNED = "post_signed", "邮寄（需签收）"
    ORDINARY_LETTER = "ordinary_letter", "平常信函"
    INTERNET = "internet", "互联网（在线申请）"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class DeliveryForm(models.TextChoices):
    # 《条例》第二十九条第二款第（三）项: the applicant states the form of provision.
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子数据"
    VIEW = "view", "当场查阅"
    OTHER = "other", "其他"


class ServiceMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达（当面领取）"
    POST = "post", "邮寄送达"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上申请平台"
    FAX = "fax", "传真"


def _outcome_choices() -> list[tuple[str, str]]:
    """The leaf outcome rows of 表三 (2021 format); the decision is exactly one of them."""
    choices = []
    for row in TEMPLATE_2021.t3_rows:
        if row.key in TEMPLATE_2021.t3_outcome_leaf_keys:
            group = row.group if row.group and row.group != "三、本年度办理结果" else ""
            choices.append((row.key, f"{group}{row.label}"))
    return choices


OUTCOME_CHOICES = _outcome_choices()
OUTCOME_KEYS = frozenset(key for key, _ in OUTCOME_CHOICES)


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "网上提交"
    RECEIPT_CONFIRMED = "receipt_confirmed", "确认收到申请"
    REGISTERED = "registered", "登记"
    # A registrar corrects what was registered (receipt date included), with a reason.
    REGISTRATION_CORRECTED = "registration_corrected", "更正登记信息"
    REVIEW_STARTED = "review_started", "开始审查"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    CONSULTATION_STARTED = "consultation_started", "书面征求意见"
    CONSULTATION_ENDED = "consultation_ended", "征求意见结束"
    EXTENSION_REQUESTED = "extension_requested", "申请延期"
    EXTENSION_APPROVED = "extension_approved", "同意延期并告知申请人"
    EXTENSION_REFUSED = "extension_refused", "不同意延期"
    REASONABLE_DEADLINE_SET = "reasonable_deadline_set", "确定延迟答复期限"
    FEE_NOTIFIED = "fee_notified", "通知缴纳信息处理费"
    FEE_PAID = "fee_paid", "缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    DECIDED = "decided", "拟定答复"
    # The approver sends the draft back to the handler with a reason.
    DRAFT_RETURNED = "draft_returned", "退回修改"
    REPLY_SIGNED = "reply_signed", "签发答复"
    SERVED = "served", "送达"
    ARCHIVED = "archived", "归档"
    REVIEW_CASE_RECORDED = "review_case_recorded", "记录复议诉讼"
    # gongkai.notices: a letter was issued (no state change).
    NOTICE_GENERATED = "notice_generated", "生成告知书"
    # gongkai.casefiles and the portal: files and the 补正 sent online (no state change).
    FILE_ATTACHED = "file_attached", "上传材料"
    FILE_WITHDRAWN = "file_withdrawn", "撤回材料"
    CORRECTION_SUBMITTED_ONLINE = "correction_submitted_online", "申请人网上提交补正"
    ASSIGNED = "assigned", "分配承办人"
    SUBMISSION_NOT_ACCEPTED = "submission_not_accepted", "网上申请不予受理"
    SUBMISSION_DISCARDED = "submission_discarded", "网上申请作废"


class DiscardReason(models.TextChoices):
    SPAM = "spam", "垃圾信息或无效提交"
    DUPLICATE = "duplicate", "重复提交"


class FeeMethod(models.TextChoices):
    # 国办函〔2020〕109号 第三条: one method per application; values name gongkai.deadlines.FeeMethod.
    PER_ITEM = "PER_ITEM", "按件计收"
    PER_VOLUME = "PER_VOLUME", "按量计收"


class ConsultedParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（第三十二条）"
    OTHER_AGENCY = "other_agency", "其他机关（第三十四条）"


class ReviewKind(models.TextChoices):
    # 表四 groups (same keys as the report model).
    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class ReviewResult(models.TextChoices):
    # 表四 columns (same keys as the report model).
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"

"""Every change of a catalogue item. Each function checks the actor's role at the item's agency
(afresh, inside its transaction) and the review state, applies the change and appends one
ItemEvent with the changed fields before and after; a refused change raises CatalogueError and
changes nothing. Views, the import and the demo loader call these; nothing else writes items.

The path of an item (《条例》第十七条, 第二十六条):
    register → 待保密审查 → approve (reviewer recorded; 主动公开 items get their 发布日期) → public
                         ↘ return → 退回修改 → edit → 待保密审查
A change of content, attachments or attribute after approval sends the item back to review: what
is published is what was reviewed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.access import PUBLISHING_ROLES, REGISTERING_ROLES, build_access, roles_at
from gongkai.agencies.models import Agency, Role
from gongkai.applications.inputs import clean_payload, out_of_bounds

from . import attachments, ontime
from .choices import Art20Item, Attribute, EventKind, Review, Validity
from .models import Attachment, Item, ItemEvent
from .numbering import take_index_nos


class CatalogueError(Exception):
    """A refused change; the message is shown to staff as is."""


EDITING_ROLES = REGISTERING_ROLES | PUBLISHING_ROLES


@dataclass(frozen=True)
class Rule:
    label: str
    states: frozenset[str]
    roles: frozenset[str]


_ANY = frozenset(Review.values)
_OPEN = frozenset({Review.PENDING, Review.RETURNED})

# Which change is allowed in which review state and to which role at the item's agency. The
# services enforce it; the staff views use it to offer only what would succeed.
RULES: dict[str, Rule] = {
    "register": Rule("登记", _ANY, EDITING_ROLES),
    "edit": Rule("修改", _ANY, EDITING_ROLES),
    "change_attribute": Rule("变更公开属性", _ANY, EDITING_ROLES),
    "change_validity": Rule("变更有效性", _ANY, EDITING_ROLES),
    "add_attachment": Rule("添加附件", _ANY, EDITING_ROLES),
    "approve": Rule("保密审查通过", frozenset({Review.PENDING}), PUBLISHING_ROLES),
    "return_item": Rule("退回修改", frozenset({Review.PENDING}), PUBLISHING_ROLES),
}

# Fields edit() changes; the attribute and the validity have their own services (own events).
CONTENT_FIELDS = (
    "title",
    "doc_number",
    "summary",
    "body",
    "formed_on",
    "changed_on",
    "topic",
    "genre",
    "art20_item",
    "register_kind",
    "interprets",
    "interpretation_kind",
    "amends",
    "amendment_kind",
    "consultation_result",
)
ATTRIBUTE_FIELDS = ("attribute", "attribute_reason", "attribute_article")
VALIDITY_FIELDS = ("validity", "validity_on")
REVIEW_FIELDS = ("review", "reviewed_by", "reviewed_at", "review_note", "published_on")


def allowed_actions(item: Item, access) -> list[str]:
    """The changes the user (an Access) could make to `item` now."""
    held = access.roles_at(item.agency_id)
    return [
        n
        for n, r in RULES.items()
        if n != "register" and held & r.roles and item.review in r.states
    ]


def _guard(agency_id: int, actor, name: str, item: Item | None = None) -> None:
    rule = RULES[name]
    if not roles_at(actor, agency_id) & rule.roles:
        need = "、".join(r.label for r in Role if r in rule.roles)
        raise CatalogueError(f"无权{rule.label}：需要本机关的{need}角色。")
    if item is not None and item.review not in rule.states:
        need = "、".join(s.label for s in Review if s in rule.states)
        raise CatalogueError(
            f"不能{rule.label}：条目当前为“{item.get_review_display()}”，只有“{need}”时可以。"
        )


def _value(item: Item, name: str):
    field = item._meta.get_field(name)
    value = getattr(item, field.attname)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def snapshot(item: Item, names: Iterable[str]) -> dict:
    return {n: _value(item, n) for n in names}


def _diff(before: dict, after: dict) -> tuple[dict, dict]:
    changed = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def _record(item: Item, actor, kind: str, before: dict, after: dict) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        before=clean_payload(before),
        after=clean_payload(after),
    )


def problems(item: Item, today: dt.date | None = None) -> list[str]:
    """What is wrong with an item as it stands (Chinese, one sentence each)."""
    today = today or timezone.localdate()
    found = out_of_bounds(item)
    if not (item.title or "").strip():
        found.append("名称不能为空")
    if item.formed_on is None:
        found.append("成文日期不能为空")
    elif item.formed_on > today:
        found.append(f"成文日期（{item.formed_on}）晚于今天")
    if item.changed_on and item.formed_on and item.changed_on < item.formed_on:
        found.append("变更日期不能早于成文日期")
    if item.published_on and item.formed_on and item.published_on < item.formed_on:
        found.append(f"发布日期（{item.published_on}）不能早于成文日期（{item.formed_on}）")
    if item.attribute != Attribute.PROACTIVE:
        # 《条例》第十四条至第十六条: withholding, or leaving to applications, rests on an article.
        if not item.attribute_reason.strip():
            found.append(f"公开属性为“{item.get_attribute_display()}”的，应写明理由")
        if not item.attribute_article:
            found.append(
                f"公开属性为“{item.get_attribute_display()}”的，应选择依据条款（第十四条至第十六条）"
            )
    if item.validity != Validity.VALID and item.validity_on is None:
        found.append(f"有效性为“{item.get_validity_display()}”的，应填写日期")
    if item.validity == Validity.VALID and item.validity_on is not None:
        found.append("有效的文件不填失效/废止日期")
    if item.validity_on and item.formed_on and item.validity_on < item.formed_on:
        found.append("失效/废止日期不能早于成文日期")
    if bool(item.interprets_id) != bool(item.interpretation_kind):
        found.append("解读应同时选择所解读的文件和解读形式")
    if bool(item.amends_id) != bool(item.amendment_kind):
        found.append("修订或废止应同时选择原文件和“修订/废止”")
    if item.pk and item.pk in (item.interprets_id, item.amends_id, item.consultation_result_id):
        found.append("条目不能关联自身")
    if item.register_kind and item.art20_item not in ("", Art20Item.I1):
        found.append("规章和规范性文件属于《条例》第二十条第（一）项")
    return found


def _check(item: Item) -> None:
    found = problems(item)
    if found:
        raise CatalogueError("；".join(found) + "。")


def _check_links(actor, agency_id: int, item: Item) -> None:
    """A linked item must be one the actor may read (no linking to another district's drafts)."""
    ids = [i for i in (item.interprets_id, item.amends_id, item.consultation_result_id) if i]
    if not ids:
        return
    reads = build_access(actor).reads
    found = set(Item.objects.filter(pk__in=ids, agency_id__in=reads).values_list("pk", flat=True))
    if set(ids) - found:
        raise CatalogueError("关联的条目不存在或无权查看。")


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().get(pk=item.pk)


def register(actor, agency: Agency, *, co_publishers: Iterable[Agency] = (), **fields) -> Item:
    """Register a new item (待保密审查) with a fresh 索引号."""
    _guard(agency.pk, actor, "register")
    item = Item(agency=agency, created_by=actor, **fields)
    if item.register_kind and not item.art20_item:
        item.art20_item = Art20Item.I1
    _check(item)
    with transaction.atomic():
        _check_links(actor, agency.pk, item)
        item.index_no = take_index_nos(agency, item.formed_on.year)[0]
        ontime.set_due(item)
        item.save()
        if co_publishers:
            item.co_publishers.set([a for a in co_publishers if a.pk != agency.pk])
        _record(
            item,
            actor,
            EventKind.REGISTERED,
            {},
            snapshot(item, ("index_no", *CONTENT_FIELDS, *ATTRIBUTE_FIELDS, *VALIDITY_FIELDS)),
        )
    return item


def _back_to_review(item: Item, before: dict) -> None:
    """Content changed after approval: review it again before it is (still) published."""
    if item.review == Review.APPROVED:
        before.setdefault("review", item.review)
        item.review = Review.PENDING


def edit(actor, item: Item, *, co_publishers: Iterable[Agency] | None = None, **changes) -> Item:
    """Change the content fields; an approved item goes back to 保密审查."""
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise CatalogueError(f"不能在此修改：{'、'.join(sorted(unknown))}。")
    with transaction.atomic():
        item = _locked(item)
        _guard(item.agency_id, actor, "edit", item)
        names = (*CONTENT_FIELDS, "review", "due_on")
        before = snapshot(item, names)
        old_co = sorted(item.co_publishers.values_list("pk", flat=True))
        for name, value in changes.items():
            setattr(item, name, value)
        if item.register_kind and not item.art20_item:
            item.art20_item = Art20Item.I1
        _check(item)
        _check_links(actor, item.agency_id, item)
        after_fields = snapshot(item, CONTENT_FIELDS)
        new_co = (
            old_co
            if co_publishers is None
            else sorted(a.pk for a in co_publishers if a.pk != item.agency_id)
        )
        if after_fields == {k: before[k] for k in CONTENT_FIELDS} and new_co == old_co:
            return item  # nothing changed, nothing recorded
        _back_to_review(item, before)
        ontime.set_due(item)
        item.save()
        if new_co != old_co:
            item.co_publishers.set(new_co)
        b, a = _diff(before, snapshot(item, names))
        if new_co != old_co:
            b["co_publishers"], a["co_publishers"] = old_co, new_co
        _record(item, actor, EventKind.EDITED, b, a)
    return item


def change_attribute(
    actor, item: Item, attribute: str, *, reason: str = "", article: str = ""
) -> Item:
    """A later change of the disclosure attribute: recorded with before/after, reviewed again."""
    with transaction.atomic():
        item = _locked(item)
        _guard(item.agency_id, actor, "change_attribute", item)
        names = (*ATTRIBUTE_FIELDS, "review", "due_on")
        before = snapshot(item, names)
        item.attribute = attribute
        item.attribute_reason = reason if attribute != Attribute.PROACTIVE else ""
        item.attribute_article = article if attribute != Attribute.PROACTIVE else ""
        if attribute not in Attribute.values:
            raise CatalogueError(f"未知的公开属性：{attribute}。")
        _check(item)
        if snapshot(item, ATTRIBUTE_FIELDS) == {k: before[k] for k in ATTRIBUTE_FIELDS}:
            return item
        _back_to_review(item, before)
        ontime.set_due(item)
        item.save()
        _record(item, actor, EventKind.ATTRIBUTE_CHANGED, *_diff(before, snapshot(item, names)))
    return item


def change_validity(actor, item: Item, validity: str, on: dt.date | None = None) -> Item:
    """有效 / 失效 / 废止 with the date (counts in 表二 第二十条第（一）项 本年废止件数)."""
    with transaction.atomic():
        item = _locked(item)
        _guard(item.agency_id, actor, "change_validity", item)
        before = snapshot(item, VALIDITY_FIELDS)
        if validity not in Validity.values:
            raise CatalogueError(f"未知的有效性：{validity}。")
        item.validity, item.validity_on = validity, (on if validity != Validity.VALID else None)
        if item.validity_on and item.validity_on > timezone.localdate():
            raise CatalogueError("失效/废止日期不能晚于今天。")
        _check(item)
        b, a = _diff(before, snapshot(item, VALIDITY_FIELDS))
        if not a:
            return item
        item.save()
        _record(item, actor, EventKind.VALIDITY_CHANGED, b, a)
    return item


def approve(actor, item: Item, *, published_on: dt.date | None = None, note: str = "") -> Item:
    """保密审查 passed (《条例》第十七条), reviewer recorded; a 主动公开 item is published on
    `published_on` (today unless given; a future day schedules it)."""
    with transaction.atomic():
        item = _locked(item)
        _guard(item.agency_id, actor, "approve", item)
        before = snapshot(item, REVIEW_FIELDS)
        item.review, item.reviewed_by, item.reviewed_at = Review.APPROVED, actor, timezone.now()
        item.review_note = note
        if item.attribute == Attribute.PROACTIVE and item.published_on is None:
            item.published_on = published_on or timezone.localdate()
        _check(item)
        item.save()
        _record(item, actor, EventKind.APPROVED, *_diff(before, snapshot(item, REVIEW_FIELDS)))
    return item


def return_item(actor, item: Item, *, note: str) -> Item:
    """保密审查 not passed: back to the registrar with the reason."""
    if not note.strip():
        raise CatalogueError("退回修改应写明意见。")
    with transaction.atomic():
        item = _locked(item)
        _guard(item.agency_id, actor, "return_item", item)
        before = snapshot(item, REVIEW_FIELDS)
        item.review, item.reviewed_by, item.reviewed_at, item.review_note = (
            Review.RETURNED,
            actor,
            timezone.now(),
            note,
        )
        _check(item)
        item.save()
        _record(item, actor, EventKind.RETURNED, *_diff(before, snapshot(item, REVIEW_FIELDS)))
    return item


def add_attachment(actor, item: Item, checked) -> Attachment:
    """Store a file checked by attachments.check (gongkai.web.uploads); reviewed again if approved."""
    with transaction.atomic():
        item = _locked(item)
        _guard(item.agency_id, actor, "add_attachment", item)
        before = {}
        _back_to_review(item, before)
        if before:
            item.save(update_fields=["review", "updated_at"])
        attachment = attachments.stored(item, checked, actor)
        attachment.save()
        after = {"attachment": attachment.original_name, "sha256": checked.sha256}
        if before:
            after["review"] = item.review
        _record(item, actor, EventKind.ATTACHMENT_ADDED, before, after)
    return attachment


# -- 依申请公开: is it public already? (《条例》第三十六条第（一）项) -------------------------------


def find_public(query: str, *, agency_id: int | None = None, limit: int = 10) -> list[Item]:
    """Published items whose 文号 or title contains `query` (the application's own agency first):
    an application for one of these is answered with where to find it (第三十六条第（一）项)."""
    query = " ".join(query.split())
    if len(query) < 2:
        return []
    qs = Item.objects.public().filter(Q(doc_number__icontains=query) | Q(title__icontains=query))
    own = list(qs.filter(agency_id=agency_id).select_related("agency")[:limit]) if agency_id else []
    rest = (
        list(qs.exclude(pk__in=[i.pk for i in own]).select_related("agency")[: limit - len(own)])
        if len(own) < limit
        else []
    )
    return own + rest


# -- the register of 规章 and 规范性文件 (annual reports' XLSX import) -------------------------


def upsert_register_document(
    *,
    agency: Agency,
    kind: str,
    title: str,
    formed_on: dt.date,
    doc_number: str = "",
    published_on: dt.date | None = None,
    repealed_on: dt.date | None = None,
    actor=None,
) -> Item:
    """A 规章 or 规范性文件 from the annual reports' register import: the same (agency, kind,
    title, 成文日期) updates the item, anything else is a new approved item. The caller has
    checked the actor publishes for `agency` (the import is for approvers and administrators)."""
    fields = ("doc_number", "published_on", "validity", "validity_on")
    values = {
        "doc_number": doc_number,
        "published_on": published_on or formed_on,
        "validity": Validity.REPEALED if repealed_on else Validity.VALID,
        "validity_on": repealed_on,
    }
    item = (
        Item.objects.select_for_update()
        .filter(agency=agency, register_kind=kind, title=title, formed_on=formed_on)
        .first()
    )
    if item is not None:
        before = snapshot(item, fields)
        for name, value in values.items():
            setattr(item, name, value)
        _check(item)
        b, a = _diff(before, snapshot(item, fields))
        if a:
            item.save()
            _record(item, actor, EventKind.EDITED, b, a)
        return item
    item = Item(
        agency=agency,
        title=title,
        formed_on=formed_on,
        register_kind=kind,
        art20_item=Art20Item.I1,
        review=Review.APPROVED,
        reviewed_by=actor if getattr(actor, "pk", None) else None,
        reviewed_at=timezone.now(),
        review_note="经年度报告全清单导入",
        created_by=actor if getattr(actor, "pk", None) else None,
        **values,
    )
    _check(item)
    item.index_no = take_index_nos(agency, formed_on.year)[0]
    item.save()
    _record(
        item,
        actor,
        EventKind.IMPORTED,
        {},
        snapshot(item, ("index_no", "title", "register_kind", *fields)),
    )
    return item

"""The tools clerks use daily: search by 查询码, phone and 证件号码; assignment, 我的待办, 待我签发
and the per-agency counts; declining or discarding online submissions; XLSX exports; the event
log in words; Chinese error pages."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.agencies.models import Membership, Role
from gongkai.applications import services
from gongkai.applications.choices import EventKind, State
from gongkai.applications.identifiers import mask_id_number
from gongkai.applications.models import Application
from gongkai.portal import tracking

from .conftest import RECEIVED, valid_id
from .portal.conftest import PHONE, file_online

D = RECEIVED + dt.timedelta(days=5)


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def _table(response) -> str:
    """The list's rows only (the search box echoes what was typed)."""
    return re.search(r"<table class=\"rows\">.*?</table>", _text(response), re.S)[0]


def _search(client, q):
    return _table(client.get(reverse("staff:application_list"), {"q": q}))


# -- 13. search ------------------------------------------------------------------------------


def test_it_finds_an_application_by_tracking_code_phone_and_id_number_exactly(client, world):
    submission = file_online(world.office_a, applicant_name="查询码申请人")
    app = submission.application
    other = world.application(
        State.REGISTERED,
        applicant_name="另一申请人",
        contact_phone="13700000000",
        id_number=valid_id("11010519900101123"),
    )
    client.force_login(world.handler)
    code = tracking.display(submission.tracking_code)
    for q in (
        code,
        code.lower(),
        submission.tracking_code,
        PHONE,
        app.id_number,
        app.id_number.lower(),
    ):
        found = _search(client, q)
        assert app.number in found and other.number not in found, q
    for partial in (PHONE[:7], PHONE[-4:], app.id_number[:10], submission.tracking_code[:6]):
        assert app.number not in _search(client, partial), partial
    assert other.number in _search(client, "13700000000")


def test_it_shows_search_results_masked_to_those_who_may_not_see_them(client, world):
    app = world.application(State.REGISTERED, contact_phone="13655556666")
    client.force_login(world.district_supervisor)
    for q in ("13655556666", app.id_number):
        found = _search(client, q)
        assert app.number in found
        assert app.id_number not in found and mask_id_number(app.id_number) in found
        assert "13655556666" not in found


def test_it_never_finds_another_agencys_application(client, world):
    theirs = world.application(State.REGISTERED, agency=world.office_b, contact_phone="13511112222")
    client.force_login(world.handler)
    assert theirs.number not in _search(client, "13511112222")
    assert theirs.number not in _search(client, theirs.id_number)


# -- 14. assignment and work lists ---------------------------------------------------------------


def _second_handler(world):
    user = get_user_model().objects.create_user("a_handler_2", password="pw", first_name="小李")
    Membership.objects.create(user=user, agency=world.office_a, role=Role.HANDLER)
    return user


def test_it_assigns_a_case_to_a_handler_and_records_it(client, world):
    app = world.application(State.REGISTERED)
    second = _second_handler(world)
    client.force_login(world.approver)
    url = reverse("staff:application_transition", args=[app.pk, "assign"])
    form = _text(client.get(url))
    assert "小李" in form and "b_handler" not in form
    assert (
        client.post(url, {"handler": world.other_handler.pk}).status_code == 400
    )  # not a handler here
    assert client.post(url, {"handler": second.pk}).status_code == 302
    app.refresh_from_db()
    assert app.handler == second
    event = app.events.order_by("-pk").first()
    assert (event.kind, event.actor, event.payload["handler"]) == (
        EventKind.ASSIGNED,
        world.approver,
        "小李",
    )
    detail = _text(client.get(reverse("staff:application_detail", args=[app.pk])))
    assert "分配承办人" in detail and "承办人：小李" in detail
    # Reassigned: the log names both.
    services.assign(app, actor=world.registrar, handler=world.handler)
    assert app.events.order_by("-pk").first().payload == {
        "handler": "a_handler",
        "handler_id": world.handler.pk,
        "previous_handler": "小李",
    }


def test_it_refuses_assignment_to_handlers_of_other_agencies_and_by_handlers(world):
    app = world.application(State.REGISTERED)
    with pytest.raises(services.InvalidInput):
        services.assign(app, actor=world.approver, handler=world.other_handler)
    with pytest.raises(services.InvalidInput):
        services.assign(app, actor=world.approver, handler=world.supervisor)
    with pytest.raises(services.WrongRole):
        services.assign(app, actor=world.handler, handler=world.handler)
    app.refresh_from_db()
    assert app.handler is None and app.events.count() == 1


def _section(body: str, key: str) -> str:
    found = re.search(rf'<section class="worklist" id="{key}">.*?</section>', body, re.S)
    return found[0] if found else ""


def test_it_lists_my_tasks_assigned_to_me_and_waiting_on_my_roles(client, world):
    second = _second_handler(world)
    mine = world.application(State.REGISTERED)
    services.assign(mine, actor=world.approver, handler=second)
    unassigned = world.application(State.REGISTERED)
    online = world.application(State.SUBMITTED)
    replied = world.application(State.REPLIED)
    in_review = world.application(State.IN_REVIEW)  # world.handler's, from start_review
    theirs = world.application(State.REGISTERED, agency=world.office_b)

    client.force_login(second)
    body = _text(client.get(reverse("staff:my_tasks")))
    assert mine.number in _section(body, "mine") and in_review.number not in _section(body, "mine")
    assert unassigned.number in _section(body, "unassigned") and mine.number not in _section(
        body, "unassigned"
    )
    assert online.number in _section(body, "confirm")
    assert theirs.number not in body

    client.force_login(world.handler)
    assert in_review.number in _section(_text(client.get(reverse("staff:my_tasks"))), "mine")

    client.force_login(world.registrar)
    body = _text(client.get(reverse("staff:my_tasks")))
    assert replied.number in _section(body, "serve") and not _section(body, "mine")

    client.force_login(world.supervisor)
    assert "没有待办事项" in _text(client.get(reverse("staff:my_tasks")))


def test_it_lists_drafts_and_extensions_waiting_for_the_approver(client, world):
    draft = world.application(State.DECIDED)
    extension = world.application(State.IN_REVIEW)
    services.request_extension(
        extension, actor=world.handler, days=10, reason="信息量大", on=D + dt.timedelta(days=5)
    )
    other_draft = world.application(State.DECIDED, agency=world.office_b)
    client.force_login(world.approver)
    body = _text(client.get(reverse("staff:to_sign")))
    assert draft.number in _section(body, "sign") and extension.number in _section(
        body, "extension"
    )
    assert other_draft.number not in body
    services.sign_reply(draft, actor=world.approver, on=D + dt.timedelta(days=10))
    assert draft.number not in _text(client.get(reverse("staff:to_sign")))
    client.force_login(world.handler)
    body = _text(client.get(reverse("staff:to_sign")))
    assert "没有审核签发角色" in body and extension.number not in body


def test_it_counts_per_agency_for_supervisors(client, world):
    overdue = world.application(State.IN_REVIEW)  # received in March 2025: long overdue
    world.application(State.REGISTERED)
    world.application(State.DECIDED)
    world.application(State.SUBMITTED)
    world.application(State.IN_REVIEW, agency=world.office_b)
    world.application(State.ARCHIVED, agency=world.office_b)
    world.application(
        State.REGISTERED, agency=world.office_b, submitted_on=timezone.localdate()
    )  # this year's
    client.force_login(world.district_supervisor)
    body = _text(client.get(reverse("staff:overview")))

    def row(agency):
        found = re.search(rf'<tr data-agency="{agency.pk}">(.*?)</tr>', body, re.S)[1]
        return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td.*?</td>", found, re.S)][
            1:
        ]

    # 办理中, 已逾期, 即将到期, 待确认, 未分配, 待签发, 延期待审批, 本年收到
    a = row(world.office_a)
    # Open: in review, registered, submitted; overdue: the first two (received March 2025).
    assert a[0] == "3" and a[1] == "2" and a[3] == "1" and a[4] == "1" and a[5] == "1"
    assert Application.objects.get(pk=overdue.pk).answer_due_on < dt.date.today()
    assert a[7] == "0"  # all received in 2025
    b = row(world.office_b)
    assert b[0] == "2" and b[3] == "0" and b[4] == "1" and b[5] == "0" and b[7] == "1"
    assert re.search(rf'<tr data-agency="{world.street.pk}">', body)  # an agency with no case yet
    client.force_login(world.other_handler)
    body = _text(client.get(reverse("staff:overview")))
    assert f'data-agency="{world.office_a.pk}"' not in body


def test_it_counts_per_agency_in_as_many_queries_however_many_agencies(
    client, world, django_assert_max_num_queries
):
    from gongkai.agencies.models import Agency, Level

    client.force_login(world.district_supervisor)
    client.get(reverse("staff:overview"))  # warm the calendar cache
    with django_assert_max_num_queries(14):
        client.get(reverse("staff:overview"))
    for i in range(30):
        Agency.objects.create(
            code=f"D01-9{i:02d}", name=f"新增机关{i}", level=Level.STREET, parent=world.district
        )
    with django_assert_max_num_queries(14):
        assert client.get(reverse("staff:overview")).status_code == 200


# -- 15. online submissions: not accepted, discarded ---------------------------------------


def test_it_declines_an_online_submission_with_a_reason_the_applicant_sees(client, world):
    submission = file_online(world.office_a)
    app = submission.application
    client.force_login(world.registrar)
    url = reverse("staff:application_transition", args=[app.pk, "decline_submission"])
    assert client.post(url, {"reason": "", "on": app.submitted_on.isoformat()}).status_code == 400
    response = client.post(
        url, {"reason": "来信反映邻里纠纷，属于信访事项。", "on": app.submitted_on.isoformat()}
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == State.NOT_ACCEPTED and app.received_on is None and app.answer_due_on is None
    event = app.events.order_by("-pk").first()
    assert event.kind == EventKind.SUBMISSION_NOT_ACCEPTED and event.actor == world.registrar
    assert event.payload["reason"] == "来信反映邻里纠纷，属于信访事项。"
    detail = _text(client.get(reverse("staff:application_detail", args=[app.pk])))
    assert "无答复期限" in detail and "网上申请不予受理" in detail
    assert app.number not in _section(_text(client.get(reverse("staff:my_tasks"))), "confirm")
    public = Client().post(
        reverse("portal:status"), {"code": submission.tracking_code, "phone": PHONE}
    )
    text = _text(public)
    assert "不予受理" in text and "属于信访事项" in text


def test_it_discards_a_duplicate_submission_and_keeps_it_out_of_the_work_lists(client, world):
    first = file_online(world.office_a).application
    second = file_online(world.office_a).application
    theirs = world.application(State.REGISTERED, agency=world.office_b)
    client.force_login(world.handler)
    url = reverse("staff:application_transition", args=[second.pk, "discard_submission"])
    assert (
        client.post(url, {"discard_reason": "duplicate", "duplicate_of": theirs.number}).status_code
        == 400
    )
    assert client.post(url, {"discard_reason": "duplicate", "duplicate_of": ""}).status_code == 400
    assert (
        client.post(url, {"discard_reason": "duplicate", "duplicate_of": first.number}).status_code
        == 302
    )
    second.refresh_from_db()
    assert second.state == State.DISCARDED
    assert second.events.order_by("-pk").first().payload["duplicate_of"] == first.number
    waiting = _section(_text(client.get(reverse("staff:my_tasks"))), "confirm")
    assert first.number in waiting and second.number not in waiting
    listed = _table(client.get(reverse("staff:application_list"), {"state": "submitted"}))
    assert first.number in listed and second.number not in listed
    assert second.number in _table(
        client.get(reverse("staff:application_list"), {"state": "discarded"})
    )
    detail = _text(client.get(reverse("staff:application_detail", args=[second.pk])))
    assert (
        "重复提交" in detail
        and "duplicate" not in re.search(r"<h2>办理记录</h2>.*", detail, re.S)[0]
    )


# -- 18. exports, 用途, the event log in words, error pages ----------------------------------


def test_it_exports_xlsx_with_the_due_date_and_the_state(client, world):
    app = world.application(State.IN_REVIEW, purpose="研究")
    client.force_login(world.handler)
    response = client.get(reverse("staff:application_export_xlsx"))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    app.refresh_from_db()
    assert row["申请编号"] == app.number and row["状态"] == "审查办理中"
    assert row["答复期限"].date() == app.answer_due_on and row["期限情况"] == "已逾期"
    assert row["收到申请之日"].date() == RECEIVED and row["承办人"] == "a_handler"
    csv_text = _text(client.get(reverse("staff:application_export")))
    assert "答复期限" in csv_text and app.answer_due_on.isoformat() in csv_text


def test_it_shows_the_purpose_on_the_detail_page(client, world):
    app = world.application(State.REGISTERED, purpose="用于学术研究：城市更新政策评估")
    client.force_login(world.handler)
    body = _text(client.get(reverse("staff:application_detail", args=[app.pk])))
    assert "<dt>用途</dt>" in body and "用于学术研究：城市更新政策评估" in body


def test_it_writes_the_event_log_in_words_never_internal_names(client, world):
    app = world.application(State.IN_REVIEW, channel="ordinary_letter", confirmed_on=RECEIVED)
    services.start_consultation(
        app, actor=world.handler, party_kind="third_party", party_name="某公司", sent_on=D
    )
    services.end_consultation(app, actor=world.handler, answered_on=D + dt.timedelta(days=3))
    services.decide(
        app,
        actor=world.handler,
        outcome="partially_granted",
        reason="部分涉及商业秘密",
        on=D + dt.timedelta(days=5),
    )
    services.sign_reply(app, actor=world.approver, on=D + dt.timedelta(days=6))
    services.serve(
        app, actor=world.registrar, method="post", on=D + dt.timedelta(days=7), proof="EMS1"
    )
    services.record_review_case(
        app, actor=world.handler, kind="litigation_direct", filed_on=D + dt.timedelta(days=30)
    )
    services.assign(app, actor=world.approver, handler=_second_handler(world))
    client.force_login(world.handler)
    log = re.search(
        r"<h2>办理记录</h2>.*",
        _text(client.get(reverse("staff:application_detail", args=[app.pk]))),
        re.S,
    )[0]
    for words in ("平常信函", "部分公开", "邮寄送达", "第三方", "行政诉讼", "尚未审结", "小李"):
        assert words in log, words
    shown = re.sub(r"<[^>]+>", " ", log)
    for user in get_user_model().objects.all():  # the 办理人 column shows usernames
        shown = shown.replace(user.username, "")
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", shown), re.findall(r"\b[a-z]+_[a-z_]+\b", shown)
    for internal in (
        "ordinary_letter",
        "partially_granted",
        "third_party",
        "litigation_direct",
        "pending",
    ):
        assert internal not in shown


def test_it_answers_403_404_and_500_in_chinese(client, world, settings):
    settings.DEBUG = False
    app = world.application(State.IN_REVIEW)
    client.force_login(world.other_handler)
    response = client.get(reverse("staff:application_detail", args=[app.pk]))
    assert (
        response.status_code == 404
        and "页面不存在" in _text(response)
        and "Not Found" not in _text(response)
    )
    client.force_login(world.supervisor)
    response = client.get(reverse("staff:application_transition", args=[app.pk, "decide"]))
    assert (
        response.status_code == 403
        and "无权访问" in _text(response)
        and "无权进行此操作" in _text(response)
    )
    settings.ROOT_URLCONF = "tests.web.crash_urls"
    crashing = Client(raise_request_exception=False)
    response = crashing.get("/boom/")
    assert (
        response.status_code == 500
        and "系统错误" in _text(response)
        and "Server Error" not in _text(response)
    )

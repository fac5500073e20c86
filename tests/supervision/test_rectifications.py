"""通报整改: issue to several units, answer with evidence, return, answer again, accept; overdue
counting; complaints from the public form; every refusal from outside."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from gongkai.applications.choices import State
from gongkai.rectifications import services
from gongkai.rectifications.models import (
    Addressee,
    AddresseeState,
    Complaint,
    ComplaintState,
    RectificationEvent,
)
from gongkai.web.uploads import check

TODAY = dt.date(2026, 3, 2)


def _scan(name="evidence.pdf"):
    return check(
        SimpleUploadedFile(name, b"%PDF-1.4\n%evidence\n", content_type="application/pdf"),
        max_bytes=10**6,
    )


def _issue(world, deadline=TODAY + dt.timedelta(days=20), units=None, on=TODAY):
    units = units or [world.office_a, world.office_b]
    return services.issue(
        office=world.district,
        actor=world.district_supervisor,
        title="关于依申请公开办理超期的通报",
        body="经检查，以下单位存在超期答复问题。",
        deadline=deadline,
        on=on,
        problems=[services.ProblemInput(u, f"{u.name}有申请超期答复") for u in units],
    )


def test_it_carries_a_notice_through_return_and_acceptance(world, today):
    today(TODAY + dt.timedelta(days=10))
    notice = _issue(world)
    a = notice.addressees.get(agency=world.office_a)
    services.answer(
        a,
        actor=world.handler,
        text="已建立临期提醒。",
        checked=_scan(),
        on=TODAY + dt.timedelta(days=3),
    )
    a.refresh_from_db()
    assert a.state == AddresseeState.ANSWERED and not a.answered_late
    services.send_back(
        a,
        actor=world.district_supervisor,
        note="未附制度文件",
        new_deadline=TODAY + dt.timedelta(days=30),
        on=TODAY + dt.timedelta(days=4),
    )
    a.refresh_from_db()
    assert a.state == AddresseeState.RETURNED and a.deadline == TODAY + dt.timedelta(days=30)
    services.answer(
        a,
        actor=world.approver,
        text="附制度文件。",
        link="https://example.gov.cn/zd.html",
        on=TODAY + dt.timedelta(days=5),
    )
    services.accept(
        a,
        actor=world.district_supervisor,
        accountability="约谈1人",
        on=TODAY + dt.timedelta(days=6),
    )
    a.refresh_from_db()
    assert a.state == AddresseeState.ACCEPTED and a.accepted_on == TODAY + dt.timedelta(days=6)
    assert [x.review for x in a.answers.order_by("pk")] == ["returned", "accepted"]
    kinds = list(RectificationEvent.objects.filter(notice=notice).values_list("kind", flat=True))
    assert kinds == ["issued", "answered", "returned", "answered", "accepted"]
    # Office B's addressee is untouched by all of this.
    assert notice.addressees.get(agency=world.office_b).state == AddresseeState.ISSUED


def test_it_refuses_the_wrong_people(world, today):
    today(TODAY + dt.timedelta(days=1))
    notice = _issue(world)
    a = notice.addressees.get(agency=world.office_a)
    with pytest.raises(services.RectificationError):  # another unit's staff
        services.answer(a, actor=world.other_handler, text="x", link="https://x.cn")
    with pytest.raises(services.RectificationError):  # a unit cannot issue
        services.issue(
            office=world.district,
            actor=world.handler,
            title="t",
            body="b",
            deadline=TODAY + dt.timedelta(days=9),
            problems=[services.ProblemInput(world.office_b, "p")],
        )
    with pytest.raises(services.RectificationError):  # no evidence
        services.answer(a, actor=world.handler, text="已整改")
    services.answer(a, actor=world.handler, text="已整改", link="https://x.cn")
    with pytest.raises(services.RectificationError):  # the unit cannot accept its own answer
        services.accept(a, actor=world.approver)


def test_overdue_and_late_answers_are_counted(world, today):
    today(TODAY)
    notice = _issue(world, deadline=TODAY + dt.timedelta(days=5))
    a = notice.addressees.get(agency=world.office_a)
    today(TODAY + dt.timedelta(days=9))
    now = TODAY + dt.timedelta(days=9)
    assert set(
        Addressee.objects.filter(Addressee.overdue_q(now)).values_list("agency_id", flat=True)
    ) == {world.office_a.pk, world.office_b.pk}
    services.answer(a, actor=world.handler, text="迟报", link="https://x.cn", on=now)
    a.refresh_from_db()
    assert a.answered_late
    # A is no longer overdue (answered) but its late answer still counts; B is overdue.
    assert list(
        Addressee.objects.filter(Addressee.overdue_q(now)).values_list("agency_id", flat=True)
    ) == [world.office_b.pk]
    assert Addressee.objects.filter(Addressee.late_q(now)).count() == 2
    assert (
        Addressee.objects.filter(Addressee.late_q(TODAY)).count() == 1
    )  # before the deadline only A's flag


def test_the_event_table_refuses_changes_in_the_database(world, today):
    today(TODAY)
    _issue(world)
    event = RectificationEvent.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE rectifications_rectificationevent SET kind = 'x' WHERE id = %s", [event.pk]
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM rectifications_rectificationevent WHERE id = %s", [event.pk])


def test_a_unit_reads_only_its_own_notices(client, world, today):
    today(TODAY)
    notice = _issue(world)
    only_b = _issue(world, units=[world.office_b])
    url = reverse("rectifications:notice", kwargs={"pk": notice.pk})
    client.force_login(world.handler)
    body = client.get(url).content.decode()
    assert (
        "示范区人民政府办公室有申请超期答复" in body
        and "示范区住房和城乡建设局有申请超期答复" not in body
    )
    assert client.get(reverse("rectifications:notice", kwargs={"pk": only_b.pk})).status_code == 404
    listing = client.get(reverse("rectifications:index")).content.decode()
    assert (
        listing.count(f'href="/staff/rectifications/{notice.pk}/"') == 1
        and f"/staff/rectifications/{only_b.pk}/" not in listing
    )
    b_row = only_b.addressees.get()
    assert (
        client.post(
            reverse("rectifications:answer", kwargs={"pk": b_row.pk}), {f"a{b_row.pk}-text": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse(
                "rectifications:review",
                kwargs={"pk": notice.addressees.get(agency=world.office_a).pk},
            ),
            {},
        ).status_code
        == 403
    )
    assert client.get(reverse("rectifications:issue")).status_code == 403
    client.force_login(world.district_supervisor)
    body = client.get(url).content.decode()
    assert "示范区住房和城乡建设局有申请超期答复" in body


def test_answer_and_accept_through_the_views(client, world, today):
    today(TODAY)
    notice = _issue(world, units=[world.office_a])
    a = notice.addressees.get()
    client.force_login(world.handler)
    upload = SimpleUploadedFile("制度.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")
    response = client.post(
        reverse("rectifications:answer", kwargs={"pk": a.pk}),
        {f"a{a.pk}-text": "已修订办理制度", f"a{a.pk}-evidence": upload},
    )
    assert response.status_code == 302
    answer = a.answers.get()
    assert answer.evidence_name == "制度.pdf"
    assert (
        client.get(reverse("rectifications:evidence", kwargs={"pk": answer.pk})).status_code == 200
    )
    client.force_login(world.other_handler)
    assert (
        client.get(reverse("rectifications:evidence", kwargs={"pk": answer.pk})).status_code == 404
    )
    client.force_login(world.district_supervisor)
    response = client.post(
        reverse("rectifications:review", kwargs={"pk": a.pk}), {f"r{a.pk}-decision": "accept"}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.state == AddresseeState.ACCEPTED


def test_a_notice_links_a_record_of_the_unit(client, world, today):
    today(TODAY)
    app = world.application(State.IN_REVIEW)
    client.force_login(world.district_supervisor)
    form = client.get(reverse("rectifications:issue") + f"?application={app.pk}").content.decode()
    assert app.number in form
    response = client.post(
        reverse("rectifications:issue"),
        {
            "office": world.district.pk,
            "title": "一对一整改通知",
            "body": "见问题",
            "units": [world.office_a.pk],
            "problem": "该申请超期",
            "application": app.number,
            "deadline": (TODAY + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    problem = Addressee.objects.get(agency=world.office_a).problems.get()
    assert problem.application_id == app.pk
    # A number of another unit is refused.
    other = world.application(State.IN_REVIEW, agency=world.office_b)
    response = client.post(
        reverse("rectifications:issue"),
        {
            "office": world.district.pk,
            "title": "t",
            "body": "b",
            "units": [world.office_a.pk],
            "problem": "p",
            "application": other.number,
            "deadline": (TODAY + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 400 and "所选单位中没有这个申请编号" in response.content.decode()


def test_a_complaint_is_taken_rate_limited_and_forwarded(client, world, settings, today):
    today(TODAY)
    settings.PORTAL_SUBMIT_LIMIT_PER_IP = 2
    data = {
        "agency": world.office_a.pk,
        "name": "李四",
        "phone": "13800000001",
        "text": "申请超过期限未答复。",
    }
    assert client.post(reverse("complaints:new"), data).status_code == 302
    done = client.get(reverse("complaints:done")).content.decode()
    complaint = Complaint.objects.get()
    assert f"{complaint.pk}</strong>号" in done
    assert (
        client.post(reverse("complaints:new"), {**data, "phone": ""}).status_code == 400
    )  # no contact
    assert client.post(reverse("complaints:new"), data).status_code == 429
    assert Complaint.objects.count() == 1
    # Office A's staff cannot see complaints (they carry the complainant's details).
    client.force_login(world.handler)
    assert (
        client.get(reverse("rectifications:complaint", kwargs={"pk": complaint.pk})).status_code
        == 404
    )
    client.force_login(world.district_supervisor)
    page = client.get(
        reverse("rectifications:complaint", kwargs={"pk": complaint.pk})
    ).content.decode()
    assert "13800000001" in page
    response = client.post(
        reverse("rectifications:complaint", kwargs={"pk": complaint.pk}),
        {
            "decision": "forward",
            "text": "未按期答复申请",
            "deadline": (TODAY + dt.timedelta(days=15)).isoformat(),
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.FORWARDED
    notice = complaint.notices.get()
    assert notice.addressees.get().agency == world.office_a
    # The unit sees the notice but not who complained.
    client.force_login(world.handler)
    body = client.get(reverse("rectifications:notice", kwargs={"pk": notice.pk})).content.decode()
    assert "未按期答复申请" in body and "13800000001" not in body and "李四" not in body


def test_a_problem_links_only_inside_the_system(client, world, today):
    today(TODAY)
    client.force_login(world.district_supervisor)
    data = {
        "office": world.district.pk,
        "title": "t",
        "body": "b",
        "units": [world.office_a.pk],
        "problem": "p",
        "deadline": (TODAY + dt.timedelta(days=10)).isoformat(),
    }
    for link in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = client.post(reverse("rectifications:issue"), {**data, "link": link})
        assert response.status_code == 400, link
    assert (
        client.post(
            reverse("rectifications:issue"), {**data, "link": "/staff/audits/report/1/"}
        ).status_code
        == 302
    )

"""The complainant's tracking code (《条例》第四十七条第二款): shown once on submission, then the
office's answer read with the code and the phone or email given; asked from the outside."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from gongkai.rectifications import services
from gongkai.rectifications.models import Complaint

from .test_rectifications import TODAY, _scan

STATUS = reverse("complaints:status")


def _complain(client, world, **extra) -> tuple[Complaint, str]:
    data = {
        "agency": world.office_a.pk,
        "name": "李四",
        "phone": "138 0000 0001",
        "text": "申请超过期限未答复。",
        **extra,
    }
    assert client.post(reverse("complaints:new"), data).status_code == 302
    done = client.get(reverse("complaints:done")).content.decode()
    code = re.search(r'id="tracking-code"><strong>([0-9A-Z-]+)</strong>', done)[1]
    return Complaint.objects.latest("pk"), code


def _look(client, code, contact):
    return client.post(STATUS, {"code": code, "contact": contact})


def test_it_shows_a_code_on_submission_that_finds_the_complaint(client, world, today):
    today(TODAY)
    complaint, code = _complain(client, world)
    assert len(code.replace("-", "")) == 13 and complaint.tracking_code == code.replace("-", "")
    # The code is shown once: the page again sends back to the form.
    assert client.get(reverse("complaints:done")).status_code == 302
    response = _look(client, code.replace("-", "").lower(), "13800000001")
    body = response.content.decode()
    assert response.status_code == 200
    assert "待处理" in body and world.office_a.name in body and "主管部门答复" not in body
    # Nothing of the complaint's own contents or of the complainant is echoed back.
    assert "李四" not in body and "申请超过期限未答复" not in body


def test_a_wrong_code_or_contact_gives_nothing(client, world, today):
    today(TODAY)
    complaint, code = _complain(client, world)
    other, other_code = _complain(client, world, name="王五", phone="13900000002")
    for typed, contact in (
        ("3" * 13, "13800000001"),  # no such code
        (code, "13800000009"),  # wrong phone
        (code, "13900000002"),  # another complainant's phone
        (other_code, "13800000001"),  # another complaint's code with this phone
        (code, ""),  # no contact at all
    ):
        response = _look(client, typed, contact)
        body = response.content.decode()
        assert response.status_code in (400, 404), (typed, contact)
        assert world.office_a.name not in body.split("</form>")[-1], (typed, contact)
        assert "待处理" not in body, (typed, contact)


def test_an_email_is_the_second_factor_when_given(client, world, today):
    today(TODAY)
    _, code = _complain(client, world, phone="", email="Li.Si@example.com")
    assert _look(client, code, "li.si@EXAMPLE.com").status_code == 200
    assert _look(client, code, "other@example.com").status_code == 404
    # No phone was given: a contact that is not an email matches nothing.
    assert _look(client, code, "无").status_code == 404


def test_the_answer_appears_once_the_office_records_it(client, world, today):
    today(TODAY)
    complaint, code = _complain(client, world)
    assert "主管部门答复" not in _look(client, code, "13800000001").content.decode()
    client.force_login(world.district_supervisor)
    client.post(
        reverse("rectifications:complaint", kwargs={"pk": complaint.pk}),
        {
            "decision": "forward",
            "text": "内部：该单位承办人两次未按期答复",
            "deadline": (TODAY + dt.timedelta(days=15)).isoformat(),
            "reply": "您反映的问题属实，已责成该单位整改。",
        },
    )
    client.logout()
    body = _look(client, code, "13800000001").content.decode()
    assert "已转办整改" in body and "您反映的问题属实，已责成该单位整改。" in body
    assert "整改中" in body
    # The office's problem text to the unit is not the complainant's to read.
    assert "两次未按期答复" not in body
    # The unit answers and the office accepts: the complainant sees the rectification done.
    addressee = complaint.notices.get().addressees.get()
    services.answer(addressee, actor=world.handler, text="单位内部整改说明", checked=_scan())
    services.accept(addressee, actor=world.district_supervisor, note="内部审核意见")
    body = _look(client, code, "13800000001").content.decode()
    assert "整改完成" in body
    assert "单位内部整改说明" not in body and "内部审核意见" not in body


def test_a_dismissal_answers_with_the_reason_unless_a_reply_is_written(client, world, today):
    today(TODAY)
    complaint, code = _complain(client, world)
    services.dismiss_complaint(
        complaint,
        office=world.district,
        actor=world.district_supervisor,
        reason="经核查，该申请已于法定期限内答复。",
    )
    body = _look(client, code, "13800000001").content.decode()
    assert "不予支持" in body and "经核查，该申请已于法定期限内答复。" in body


def test_look_ups_are_limited_per_code_and_per_address(client, world, settings, today):
    today(TODAY)
    settings.PORTAL_STATUS_FAILURES_PER_CODE = 2
    _, code = _complain(client, world)
    for _ in range(2):
        assert _look(client, code, "13800000009").status_code == 404
    # The code is locked for the window, even with the right phone.
    assert _look(client, code, "13800000001").status_code == 429
    settings.PORTAL_STATUS_LIMIT_PER_IP = 3
    _, fresh = _complain(client, world, phone="13900000002")
    assert _look(client, fresh, "13900000002").status_code == 429


def test_the_forms_name_the_look_up(client, world):
    assert reverse("complaints:status") in client.get(reverse("complaints:new")).content.decode()
    assert "查询码" in client.get(STATUS).content.decode()


def test_office_replies_are_never_from_another_complaint(client, world, today):
    today(TODAY)
    first, code = _complain(client, world)
    second, _ = _complain(client, world, phone="13900000002")
    services.dismiss_complaint(
        second, office=world.district, actor=world.district_supervisor, reason="第二件的理由"
    )
    body = _look(client, code, "13800000001").content.decode()
    assert "第二件的理由" not in body and "待处理" in body


def test_a_code_already_taken_is_drawn_again(world, monkeypatch):
    from gongkai.portal import tracking

    first = services.receive_complaint(
        agency=world.office_a, name="甲", phone="1", email="", text="t"
    )
    codes = iter([first.tracking_code, "ACDEFGHJKMNPQ"])
    monkeypatch.setattr(tracking, "new_code", lambda: next(codes))
    second = services.receive_complaint(
        agency=world.office_a, name="乙", phone="2", email="", text="t"
    )
    assert second.tracking_code == "ACDEFGHJKMNPQ"
    assert Complaint.objects.count() == 2

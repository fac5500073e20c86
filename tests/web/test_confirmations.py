"""签发 and 归档 cannot be undone: the panel says so, shows what to check, labels its button with
what it does and marks it busy while it runs; the page after says what was done."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.applications.choices import State

RECEIVED = dt.date(2025, 3, 3)


def _panel(client, app, action):
    return client.get(
        reverse("staff:application_transition", args=[app.pk, action]), HTTP_HX_REQUEST="true"
    ).content.decode()


def test_signing_asks_for_confirmation_with_the_draft_and_reports_it(client, world):
    app = world.application(State.DECIDED)
    client.force_login(world.approver)
    panel = _panel(client, app, "sign_reply")
    assert 'id="confirm-warning"' in panel and "不能再修改" in panel
    assert "确认签发" in panel and 'data-busy="正在签发…"' in panel and "hx-disabled-elt" in panel
    assert (
        "予以公开" in panel and "（草稿）" in panel and "/staff/notices/" in panel
    )  # the draft to check
    response = client.post(
        reverse("staff:application_transition", args=[app.pk, "sign_reply"]),
        {"on": (RECEIVED + dt.timedelta(days=11)).isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "已签发答复" in page and 'class="messages"' in page


def test_archiving_asks_for_confirmation_and_reports_it(client, world):
    app = world.application(State.SERVED)
    client.force_login(world.registrar)
    panel = _panel(client, app, "archive")
    assert "确认归档" in panel and "办理结束" in panel and "EMS1234567890" in panel
    response = client.post(
        reverse("staff:application_transition", args=[app.pk, "archive"]),
        {"on": (RECEIVED + dt.timedelta(days=20)).isoformat()},
        follow=True,
    )
    assert "已归档。" in response.content.decode()


def test_every_other_step_reports_its_success(client, world):
    app = world.application(State.REGISTERED)
    client.force_login(world.handler)
    panel = _panel(client, app, "start_review")
    assert "确定" in panel and 'data-busy="正在提交…"' in panel and "请确认" not in panel
    response = client.post(
        reverse("staff:application_transition", args=[app.pk, "start_review"]), follow=True
    )
    assert "已完成：开始审查。" in response.content.decode()

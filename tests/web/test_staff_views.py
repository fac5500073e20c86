"""Staff views doing their work: registering, transitions by htmx and by plain form, due lists."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.applications.choices import State
from gongkai.applications.models import Application

from .conftest import valid_id


def test_it_registers_an_application_through_the_form(client, world):
    client.force_login(world.registrar)
    response = client.post(
        reverse("staff:application_create"),
        {
            "agency": world.office_a.pk,
            "applicant_type": "natural_person",
            "applicant_name": "李四",
            "id_doc_type": "resident_id",
            "id_number": valid_id("32010219850512345"),
            "contact_phone": "025-1234567",
            "description": "某道路拓宽工程的环评批复",
            "delivery_form": "electronic",
            "channel": "post_signed",
            "submitted_on": "2025-03-03",
            "signed_on": "2025-03-05",
        },
    )
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "staff:application_detail", args=[app.pk]
    )
    assert app.received_on == dt.date(2025, 3, 5)
    assert app.events.get().actor == world.registrar


def test_it_shows_the_service_error_and_registers_nothing(client, world):
    client.force_login(world.registrar)
    response = client.post(
        reverse("staff:application_create"),
        {
            "agency": world.office_a.pk,
            "applicant_type": "commercial_enterprise",
            "applicant_name": "某公司",
            "credit_code": "91350100M000100Y44",
            "contact_phone": "1",
            "description": "x",
            "delivery_form": "paper",
            "channel": "internet",
            "submitted_on": "2025-03-03",
        },
    )
    assert response.status_code == 400
    assert "确认日期" in response.content.decode()
    assert not Application.objects.exists()


def test_it_offers_registration_only_at_the_users_agencies(client, world):
    client.force_login(world.registrar)
    response = client.post(
        reverse("staff:application_create"),
        {"agency": world.office_b.pk, "applicant_type": "natural_person", "applicant_name": "x"},
    )
    assert response.status_code == 400 and not Application.objects.exists()


def test_it_performs_a_transition_by_htmx_and_redirects_to_the_detail(client, world):
    app = world.application(State.REGISTERED)
    client.force_login(world.handler)
    url = reverse("staff:application_transition", args=[app.pk, "start_review"])
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<html" not in form.content.decode()
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("staff:application_detail", args=[app.pk])
    app.refresh_from_db()
    assert app.state == State.IN_REVIEW


def test_it_shows_a_refused_transition_and_changes_nothing(client, world):
    app = world.application(State.IN_REVIEW)
    client.force_login(world.handler)
    url = reverse("staff:application_transition", args=[app.pk, "request_extension"])
    response = client.post(url, {"days": "20", "reason": " "})
    assert response.status_code == 400
    decide = reverse("staff:application_transition", args=[app.pk, "serve"])
    refused = client.post(
        decide, {"method": "post", "on": "2025-03-20", "proof": "x"}, HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 200 and "不能登记送达" in refused.content.decode()
    app.refresh_from_db()
    assert app.state == State.IN_REVIEW and app.events.count() == 2


def test_it_walks_an_application_to_the_archive_through_the_views(client, world):
    app = world.application(State.IN_REVIEW)
    steps = [
        (
            world.handler,
            "decide",
            {"outcome": "partially_granted", "reason": "部分涉及商业秘密", "on": "2025-03-20"},
        ),
        (world.approver, "sign_reply", {"on": "2025-03-21"}),
        (world.registrar, "serve", {"method": "post", "on": "2025-03-24", "proof": "EMS1"}),
        (world.registrar, "archive", {"on": "2025-03-31"}),
        (
            world.handler,
            "record_review_case",
            {"kind": "review", "filed_on": "2025-04-10", "result": "pending"},
        ),
    ]
    for user, action, data in steps:
        client.force_login(user)
        response = client.post(reverse("staff:application_transition", args=[app.pk, action]), data)
        assert response.status_code == 302, (action, response.content.decode()[:2000])
    app.refresh_from_db()
    assert app.state == State.ARCHIVED and app.review_cases.count() == 1
    client.force_login(world.approver)
    case = app.review_cases.get()
    url = reverse("staff:application_transition", args=[app.pk, "conclude_review_case"])
    assert (
        client.post(
            url, {"case": case.pk, "result": "corrected", "concluded_on": "2025-06-01"}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.result == "corrected"
    body = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    for text in ("拟定答复", "签发答复", "送达", "归档", "结果纠正", "部分公开"):
        assert text in body


def test_it_lists_overdue_and_due_soon_applications(client, world):
    late = world.application(State.IN_REVIEW, submitted_on=dt.date(2025, 1, 6))
    fresh = world.application(State.IN_REVIEW, submitted_on=dt.date(2025, 3, 3))
    done = world.application(State.REPLIED, submitted_on=dt.date(2025, 1, 6))
    client.force_login(world.handler)
    import gongkai.applications.staff_views as views

    real = views.timezone.localdate
    views.timezone.localdate = lambda: dt.date(2025, 3, 25)
    try:
        overdue = client.get(reverse("staff:application_list") + "?due=overdue").content.decode()
        soon = client.get(reverse("staff:application_list") + "?due=soon").content.decode()
    finally:
        views.timezone.localdate = real
    assert late.number in overdue and fresh.number not in overdue and done.number not in overdue
    # Due 31 March: 4 working days after 25 March.
    assert fresh.number in soon and late.number not in soon


def test_it_explains_the_due_date_on_the_detail_page(client, world):
    app = world.application(State.IN_REVIEW)
    client.force_login(world.handler)
    body = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert "2025年3月31日" in body and "第三十三条第二款" in body


def test_it_stops_counting_a_long_list_at_the_cap(client, world, monkeypatch):
    from gongkai.applications.paging import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for _ in range(5):
        world.application(agency=world.office_a)
    client.force_login(world.district_supervisor)
    page = client.get(reverse("staff:application_list")).content.decode()
    assert "超过3件" in page and "（5件）" not in page

    monkeypatch.setattr(CappedPaginator, "cap", 10)
    page = client.get(reverse("staff:application_list")).content.decode()
    assert "（5件）" in page and "超过" not in page


def test_it_offers_the_register_link_only_to_registrars_and_handlers(client, world):
    for user, shown in [
        (world.registrar, True),
        (world.handler, True),
        (world.approver, False),
        (world.district_supervisor, False),
    ]:
        client.force_login(user)
        page = client.get(reverse("staff:application_list")).content.decode()
        assert ("登记新申请" in page) is shown, user.username


def test_it_lists_for_a_supervisor_in_as_many_queries_however_many_agencies(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.agencies.models import Agency, Level

    world.application(agency=world.office_a)
    client.force_login(world.district_supervisor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("staff:application_list"))
    for i in range(30):
        Agency.objects.create(
            code=f"D01-9{i:02d}",
            name=f"示范区第{i}局",
            level=Level.DEPARTMENT,
            parent=world.district,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("staff:application_list")).content.decode()
    assert "示范区第29局" in page  # the agency filter lists the new agencies


def test_it_lists_an_online_application_not_yet_confirmed(client, world):
    app = world.application(State.SUBMITTED)
    assert app.received_on is None  # the date of receipt is the confirmation date (第三十一条)
    client.force_login(world.registrar)
    response = client.get(reverse("staff:application_list") + "?state=submitted")
    assert response.status_code == 200 and app.number in response.content.decode()

"""Case files on the staff side: scanned letters and 补正 materials uploaded by the agency's case
staff, logged, withdrawn (never deleted), and closed to everyone else."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.applications.choices import EventKind, State
from gongkai.applications.services import WrongRole, WrongState
from gongkai.casefiles import services
from gongkai.casefiles.models import CaseFile
from gongkai.web import uploads

PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 300


def _upload(client, app, category="paper_letter", name="来信扫描.png", content=PNG):
    return client.post(
        reverse("casefiles:upload", args=[app.pk]),
        {
            "category": category,
            "file": SimpleUploadedFile(name, content),
            "note": "平信，3月3日收到",
        },
    )


def test_it_lets_each_case_role_upload_and_logs_it(client, world):
    app = world.application(State.IN_REVIEW)
    for user in (world.registrar, world.handler, world.approver):
        client.force_login(user)
        assert _upload(client, app).status_code == 302
    assert CaseFile.objects.filter(application=app).count() == 3
    events = app.events.filter(kind=EventKind.FILE_ATTACHED)
    assert [e.actor for e in events] == [world.registrar, world.handler, world.approver]
    first = CaseFile.objects.filter(application=app).first()
    assert events.first().payload == {"case_file": first.pk, "category": "纸质申请扫描件"}
    page = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert "案卷材料" in page and "来信扫描.png" in page and "上传材料" in page


def test_it_refuses_a_disguised_file_beside_the_field(client, world):
    app = world.application(State.IN_REVIEW)
    client.force_login(world.handler)
    response = _upload(client, app, name="scan.pdf", content=b"#!/bin/sh\nrm -rf /\n")
    assert response.status_code == 400
    assert (
        "不是 PDF、JPG 或 PNG 文件" in response.content.decode()
        and 'id="id_file_error"' in response.content.decode()
    )
    assert not CaseFile.objects.exists()


@pytest.mark.parametrize(
    "who", ["supervisor", "administrator", "other_handler", "district_supervisor"]
)
def test_it_closes_files_to_everyone_but_the_agencys_case_staff(client, world, who):
    app = world.application(State.IN_REVIEW)
    client.force_login(world.handler)
    _upload(client, app)
    case_file = CaseFile.objects.get()
    client = Client()
    client.force_login(getattr(world, who))
    assert client.get(reverse("casefiles:download", args=[case_file.pk])).status_code == 404
    assert _upload(client, app).status_code == 404
    assert client.post(reverse("casefiles:withdraw", args=[case_file.pk])).status_code == 404
    assert CaseFile.objects.count() == 1 and CaseFile.objects.get().withdrawn_at is None
    page = client.get(reverse("staff:application_detail", args=[app.pk]))
    assert page.status_code in (200, 404) and "来信扫描.png" not in page.content.decode()
    with pytest.raises(WrongRole):
        services.attach(
            app,
            actor=getattr(world, who),
            category="other",
            checked=uploads.check(SimpleUploadedFile("a.png", PNG), max_bytes=10**6),
        )


def test_it_sends_strangers_to_the_login(client, world):
    app = world.application(State.IN_REVIEW)
    case_file = services.attach(
        app,
        actor=world.handler,
        category="paper_letter",
        checked=uploads.check(SimpleUploadedFile("a.png", PNG), max_bytes=10**6),
    )
    response = client.get(reverse("casefiles:download", args=[case_file.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_withdraws_a_file_but_keeps_it(client, world):
    app = world.application(State.REPLIED)
    client.force_login(world.handler)
    _upload(client, app, category="released", name="批复.png")
    case_file = CaseFile.objects.get()
    assert list(services.released(app)) == [case_file]
    assert client.post(reverse("casefiles:withdraw", args=[case_file.pk])).status_code == 302
    case_file.refresh_from_db()
    assert case_file.withdrawn_by == world.handler and case_file.file.storage.exists(
        case_file.file.name
    )
    assert list(services.released(app)) == []
    assert app.events.filter(kind=EventKind.FILE_WITHDRAWN).count() == 1
    with pytest.raises(WrongState):
        services.withdraw(case_file, actor=world.handler)


def test_it_closes_the_file_of_an_archived_case(client, world):
    app = world.application(State.ARCHIVED)
    client.force_login(world.registrar)
    response = _upload(client, app)
    assert response.status_code == 400 and "已归档" in response.content.decode()
    assert not CaseFile.objects.exists()

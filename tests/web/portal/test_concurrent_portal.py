"""100 people apply at once through the portal of a real server (gunicorn, several processes and
threads), then 100 replies are signed at once through the API, each issuing its numbered reply
notice: every application is stored, no tracking code, application number or document number
(文号) repeats, and the numbers have no gap.

SQLite always; PostgreSQL when DATABASE_URL names a server (a fresh database is created there).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from ..conftest import valid_id
from ..realserver import Browser, RealServer, postgres_admin_url

N = 100

SEED = """
from gongkai.agencies.models import Agency, Level, Membership
from django.contrib.auth import get_user_model
a = Agency.objects.create(code="C01", name="并发测试局", level=Level.DEPARTMENT)
for role in ("registrar", "handler", "approver"):
    u = get_user_model().objects.create_user("c_" + role, password="pw")
    Membership.objects.create(user=u, agency=a, role=role)
print(a.pk)
"""

DECIDE_ALL = """
import datetime as dt, json
from django.contrib.auth import get_user_model
from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.api.models import ApiToken
U = get_user_model().objects
reg, handler, approver = U.get(username="c_registrar"), U.get(username="c_handler"), U.get(username="c_approver")
ids = []
for app in Application.objects.order_by("pk"):
    services.confirm_receipt(app, actor=reg, on=app.submitted_on)
    services.start_review(app, actor=handler)
    services.decide(app, actor=handler, outcome="granted", on=app.submitted_on)
    ids.append(app.pk)
from django.utils import timezone
print(json.dumps({"ids": ids, "token": ApiToken.issue(approver, "load")[1], "today": timezone.localdate().isoformat()}))
"""

FACTS = """
import json
from gongkai.portal.models import Submission
from gongkai.applications.models import Application
from gongkai.notices.models import Notice
print(json.dumps({
    "submissions": Submission.objects.count(),
    "codes": len(set(Submission.objects.values_list("tracking_code", flat=True))),
    "applications": Application.objects.count(),
    "numbers": len(set(Application.objects.values_list("number", flat=True))),
    "notices": sorted(Notice.objects.filter(draft=False).values_list("seq", flat=True)),
    "notice_numbers": len(set(Notice.objects.filter(draft=False).values_list("number", flat=True))),
    "drafts": Notice.objects.filter(draft=True, superseded_at__isnull=False).count(),
    "events": sorted(set(Application.objects.values_list("events__kind", flat=True))),
}))
"""


def _apply(base: str, agency_id: int, i: int):
    browser = Browser(base)
    token = browser.csrf("/portal/apply/")
    fields = {
        "csrfmiddlewaretoken": token,
        "agency": agency_id,
        "applicant_type": "natural_person",
        "applicant_name": f"申请人{i}",
        "id_doc_type": "resident_id",
        "id_number": valid_id(f"110105199001{i:05d}"),
        "contact_phone": f"139{i:08d}",
        "description": f"第{i}号申请：2024年预算执行情况",
        "delivery_form": "electronic",
        "consent": "on",
    }
    status, body, headers = browser.post_form(
        "/portal/apply/",
        fields,
        {"id_document": ("id.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 256, "image/png")},
    )
    assert status == 302, body[:2000]
    status, body, _ = browser.get(headers["Location"])
    return status, body.decode()


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(postgres_admin_url() is None, reason="DATABASE_URL unset"),
    ),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_it_stores_a_hundred_simultaneous_applications_and_numbers_their_notices(tmp_path, backend):
    server = RealServer(
        tmp_path, backend, workers=3, threads=8, extra_env={"PORTAL_SUBMIT_LIMIT_PER_IP": "1000"}
    )
    with server:
        agency_id = int(server.python(SEED).strip())
        with ThreadPoolExecutor(max_workers=50) as pool:
            pages = list(pool.map(lambda i: _apply(server.base, agency_id, i), range(N)))
        assert all(status == 200 and "查询码" in body for status, body in pages)

        seeded = json.loads(server.python(DECIDE_ALL))
        api = {"Authorization": f"Bearer {seeded['token']}"}

        def sign(pk):
            return Browser(server.base, api).post_json(
                f"/api/applications/{pk}/transitions/sign_reply", {"on": seeded["today"]}
            )

        with ThreadPoolExecutor(max_workers=50) as pool:
            answers = list(pool.map(sign, seeded["ids"]))
        assert [status for status, _, _ in answers] == [200] * N, [
            b for s, b, _ in answers if s != 200
        ][:3]

        facts = json.loads(server.python(FACTS))
    assert facts["submissions"] == facts["codes"] == N
    assert facts["applications"] == facts["numbers"] == N
    assert facts["notices"] == list(range(1, N + 1))
    assert facts["notice_numbers"] == N and facts["drafts"] == N
    assert "reply_signed" in facts["events"]

"""The supervision namespaces (evaluations, rectifications, dashboards) for test_every_url: the
objects of office A and office B, every URL filled with them, and the answer each user must get,
written from the access decisions (the office is the district's supervisor; a unit reads its own
notices, scores and dashboards; complaints are the office's alone).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.evaluations import services as evaluation
from gongkai.evaluations.models import Indicator
from gongkai.rectifications import services as rect
from gongkai.web.uploads import check

NAMESPACES = {"evaluations", "rectifications", "dashboards"}
PUBLIC = {"complaints"}
S = Role.SUPERVISOR
ANSWERING = {Role.HANDLER, Role.APPROVER, Role.ADMINISTRATOR}


def _pdf():
    return check(
        SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf"),
        max_bytes=10**6,
    )


class Objects:
    """A 2025 scheme of the district with a manual score (with a file) for A and for B; a notice to
    A only and one to B only, each answered with a file; a complaint about A and one about B."""

    def __init__(self, world):
        office, actor = world.district, world.district_supervisor
        self.scheme = evaluation.create_scheme(office=office, year=2025, actor=actor)
        self.indicator = Indicator.objects.filter(
            scheme=self.scheme, method="manual", children__isnull=True
        ).first()
        self.unit = {"a": world.office_a, "b": world.office_b}
        self.score, self.notice, self.addressee, self.answer, self.complaint = {}, {}, {}, {}, {}
        answerer = {"a": world.handler, "b": world.other_handler}
        today = dt.date.today()
        for w, unit in self.unit.items():
            self.score[w] = evaluation.enter_score(
                self.indicator, unit=unit, actor=actor, score=Decimal(5), reason="r", checked=_pdf()
            )
            self.notice[w] = rect.issue(
                office=office,
                actor=actor,
                title=f"{w}通报",
                body="b",
                deadline=today + dt.timedelta(days=9),
                problems=[rect.ProblemInput(unit, f"{w}的问题")],
            )
            self.addressee[w] = self.notice[w].addressees.get()
            self.answer[w] = rect.answer(
                self.addressee[w], actor=answerer[w], text="t", checked=_pdf()
            )
            self.complaint[w] = rect.receive_complaint(
                agency=unit, name=f"{w}投诉人", phone="1", email="", text="t"
            )


def admin_objects(world, o: Objects) -> dict:
    """Per admin model of the supervision apps, office A's row and office B's (a scheme is its
    office's: A and B each get one, made directly; the rest are Objects' rows of unit A and B)."""
    from gongkai.evaluations.models import Release, Scheme

    schemes = {
        w: Scheme.objects.create(office=unit, year=2025, title=f"{w}考评细则")
        for w, unit in o.unit.items()
    }
    return {
        "evaluations.scheme": schemes,
        "evaluations.indicator": {
            w: Indicator.objects.create(scheme=s, name=f"{w}指标", points=Decimal(10))
            for w, s in schemes.items()
        },
        "evaluations.manualscore": o.score,
        "evaluations.release": {
            w: Release.objects.create(scheme=s, kind="published", actor=world.district_supervisor)
            for w, s in schemes.items()
        },
        "rectifications.rectificationnotice": o.notice,
        "rectifications.addressee": o.addressee,
        "rectifications.problem": {w: a.problems.get() for w, a in o.addressee.items()},
        "rectifications.answer": o.answer,
        "rectifications.rectificationevent": {
            w: n.events.get(kind="issued") for w, n in o.notice.items()
        },
        "rectifications.complaint": o.complaint,
    }


# The admin models of these apps; all read-only (changes go through the services), scoped to the
# agencies an administrator administers, except complaints: the system administrator's alone.
ADMIN_LABELS = {
    "evaluations": (
        "evaluations.scheme",
        "evaluations.indicator",
        "evaluations.manualscore",
        "evaluations.release",
    ),
    "rectifications": (
        "rectifications.rectificationnotice",
        "rectifications.addressee",
        "rectifications.problem",
        "rectifications.answer",
        "rectifications.rectificationevent",
        "rectifications.complaint",
    ),
}
ADMIN_SCOPED = {m for models in ADMIN_LABELS.values() for m in models} - {
    "rectifications.complaint"
}
ADMIN_READ_ONLY = {m for models in ADMIN_LABELS.values() for m in models}


def rows() -> tuple:
    """What a refused POST must not have changed (in test_every_url's snapshot)."""
    from gongkai.evaluations.models import Release
    from gongkai.rectifications.models import RectificationEvent

    return Release.objects.count(), RectificationEvent.objects.count()


def urls(scene, full: str, name: str, params: list[str], Url) -> list:
    o = scene.supervision
    if not params:
        return [Url(full, reverse(full))]
    per_unit = {
        "evaluations:unit": lambda w: {"pk": o.scheme.pk, "unit": o.unit[w].pk},
        "evaluations:score_entry": lambda w: {"pk": o.indicator.pk, "unit": o.unit[w].pk},
        "evaluations:evidence": lambda w: {"pk": o.score[w].pk},
        "evaluations:records": lambda w: {
            "key": "answer_timeliness",
            "unit": o.unit[w].pk,
            "year": 2025,
        },
        "rectifications:notice": lambda w: {"pk": o.notice[w].pk},
        "rectifications:answer": lambda w: {"pk": o.addressee[w].pk},
        "rectifications:review": lambda w: {"pk": o.addressee[w].pk},
        "rectifications:evidence": lambda w: {"pk": o.answer[w].pk},
        "rectifications:complaint": lambda w: {"pk": o.complaint[w].pk},
    }
    if full in per_unit:
        return [Url(full, reverse(full, kwargs=per_unit[full](w)), w) for w in "ab"]
    per_scheme = {
        "evaluations:scheme": {"pk": o.scheme.pk},
        "evaluations:scheme_xlsx": {"pk": o.scheme.pk},
        "evaluations:indicator_add": {"scheme_pk": o.scheme.pk},
        "evaluations:indicator_edit": {"pk": o.indicator.pk},
        "evaluations:indicator_delete": {"pk": o.indicator.pk},
        "evaluations:publish": {"pk": o.scheme.pk},
        "evaluations:withdraw": {"pk": o.scheme.pk},
    }
    if full in per_scheme:
        return [Url(full, reverse(full, kwargs=per_scheme[full]), "scheme")]
    if params == ["agency_id"] or params == ["agency_id", "table"]:
        out = []
        for w, agency in (
            ("a", scene.world.office_a),
            ("b", scene.world.office_b),
            ("tree", scene.world.district),
        ):
            kwargs = {"agency_id": agency.pk, **({"table": "years"} if "table" in params else {})}
            query = "?table=years&y=2025" if full == "dashboards:records" else ""
            out.append(Url(full, reverse(full, kwargs=kwargs) + query, w))
        return out
    raise AssertionError(f"{full} has parameters {params} this test does not know")


def _office(who) -> bool:
    return S in who.at("district")


def _sees_scheme(who) -> bool:
    return _office(who) or bool(who.reads & {"a", "b"})


# The office's changes of a scheme (the view refuses everyone else: 403 if they see it, else 404).
SCHEME_POSTS = {"evaluations:indicator_delete", "evaluations:publish", "evaluations:withdraw"}
POST_ONLY = SCHEME_POSTS | {"rectifications:answer", "rectifications:review"}


def expect_get(u, who, LOGIN):
    if not who.logged_in:
        return LOGIN
    name = u.name
    if name in POST_ONLY:
        return 405
    if name in ("evaluations:index", "rectifications:index"):
        return 200
    if name == "dashboards:index":
        return 302 if who.reads else 200  # to the highest agency they read; else "none"
    if name == "rectifications:issue":
        return 200 if _office(who) else 403
    if name == "rectifications:complaints":
        return 200 if S in who.anywhere() else 403
    if name == "rectifications:complaint":
        return 200 if _office(who) else 404  # the complainant's details: the office's alone
    if u.where == "scheme":
        if not _sees_scheme(who):
            return 404
        if name in ("evaluations:indicator_add", "evaluations:indicator_edit"):
            return 200 if _office(who) else 403
        return 200
    if u.where not in who.reads and not (_office(who) and name.startswith("rectifications:")):
        return 404
    if name == "evaluations:score_entry":
        return 200 if _office(who) else 403
    return 200


def expect_post(u, who, LOGIN):
    """A POST's refusal, or None where the user may post (not exercised here)."""
    if not who.logged_in:
        return LOGIN
    name = u.name
    if name in SCHEME_POSTS:
        return None if _office(who) else (403 if _sees_scheme(who) else 404)
    if name in ("rectifications:answer", "rectifications:review"):
        if u.where not in who.reads and not _office(who):
            return 404
        if name == "rectifications:review":
            return None if _office(who) else 403
        return None if who.at(u.where) & ANSWERING else 403
    status = expect_get(u, who, LOGIN)
    return status if status in (403, 404) else None

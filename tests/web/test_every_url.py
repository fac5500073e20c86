"""Every login-required URL as every kind of user, with the status each must answer.

The URLs come from the URLconf (namespaces staff, annual, notices, online, api, admin), each
parameter filled with office A's object, office B's object and, for the annual report, the
district's tree; a URL whose name or parameters this test does not know fails it, so a new URL
cannot escape. The expected answers are written here from the access decisions (docs/
applications.md, "Access"), not read from gongkai.agencies.access:

- anonymous: the staff side redirects to the login, the API answers 401, the admin redirects to
  its login;
- another agency's objects are 404 (in the admin: the redirect Django gives for a missing id);
- visible but not permitted is 403;
- every POST a user may not make is refused the same way and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.agencies.access import CALENDAR_GROUP
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.annualreports import publish
from gongkai.annualreports.models import Narrative, PublishedReport, YearlyFigures
from gongkai.api.models import ApiToken
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.staff_forms import ACTION_FORMS
from gongkai.casefiles.services import store
from gongkai.catalogue import services as catalogue_services
from gongkai.catalogue.imports import run as run_import
from gongkai.catalogue.models import Genre, ImportJob, Item, Topic
from gongkai.catalogue.views import ACTIONS as CATALOGUE_ACTIONS
from gongkai.holidays.models import HolidayYear
from gongkai.notices import services as notice_services
from gongkai.notices.models import Notice
from gongkai.web.uploads import check
from gongkai.zfxxgk.models import LegacyReport, SystemPage

from . import supervision_urls
from .portal.conftest import file_online

NAMESPACES = {
    "staff",
    "annual",
    "notices",
    "online",
    "casefiles",
    "api",
    "admin",
    "catalogue",
    "audits",
}
NAMESPACES |= supervision_urls.NAMESPACES
# The public portal has its own test (tests/web/portal/test_outside.py), the user guide is open to
# everyone (tests/guide), the report checker needs no login (tests/web/test_reportcheck.py), the
# 政府信息公开专栏 is anonymous (tests/web/zfxxgk asks every URL of it); every other namespace, and a
# new one, must be described here.
PUBLIC = {"portal", "guide", "reportcheck", "zfxxgk"} | supervision_urls.PUBLIC
YEAR = 2025
R, H, A, S, ADM = Role.REGISTRAR, Role.HANDLER, Role.APPROVER, Role.SUPERVISOR, Role.ADMINISTRATOR
CASE = {R, H, A}


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")


# -- who ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """A kind of user, described independently of the code under test."""

    name: str
    roles: dict = field(default_factory=dict)  # "a" / "b" / "district" -> roles held there
    reads: frozenset = frozenset()  # of "a", "b", "tree"
    admin: str = ""  # "", "scoped" (administrator of office A), "calendar", "super"

    @property
    def logged_in(self) -> bool:
        return self.name != "anonymous"

    def at(self, where: str) -> set:
        return set(self.roles.get(where, ()))

    def anywhere(self) -> set:
        return set().union(*self.roles.values()) if self.roles else set()


EVERYTHING = frozenset({"a", "b", "tree"})
USERS = [
    Who("anonymous"),
    Who("nobody"),
    Who("a_registrar", {"a": {R}}, frozenset({"a"})),
    Who("a_handler", {"a": {H}}, frozenset({"a"})),
    Who("a_approver", {"a": {A}}, frozenset({"a"})),
    Who("a_supervisor", {"a": {S}}, frozenset({"a"})),
    Who("a_administrator", {"a": {ADM}}, frozenset({"a"}), admin="scoped"),
    Who("b_handler", {"b": {H}}, frozenset({"b"})),
    Who("b_approver", {"b": {A}}, frozenset({"b"})),
    Who("d_supervisor", {"district": {S}}, EVERYTHING),
    Who("root", {}, EVERYTHING, admin="super"),
    Who("calendar_keeper", {}, frozenset(), admin="calendar"),
]


# -- what --------------------------------------------------------------------------------------


class Scene:
    """Office A's and office B's case (filed online, decided, with a reply notice), a published
    report of A, of B and of the district's tree, and one object of every admin model."""

    def __init__(self, world):
        User = get_user_model()
        self.world = world
        self.users = {"nobody": User.objects.create_user("nobody", password="pw")}
        self.users["root"] = User.objects.create_superuser("root", password="pw")
        keeper = User.objects.create_user("calendar_keeper", password="pw")
        keeper.groups.add(Group.objects.get(name=CALENDAR_GROUP))
        self.users["calendar_keeper"] = keeper
        for who in USERS[2:10]:
            self.users[who.name] = User.objects.get(username=who.name)
        self.agency = {"a": world.office_a, "b": world.office_b, "tree": world.district}
        self.app, self.notice, self.submission, self.case_file = {}, {}, {}, {}
        self.catalogue_item, self.attachment, self.import_job = {}, {}, {}
        for where, (registrar, handler) in {
            "a": (world.registrar, world.handler),
            "b": (world.other_handler, world.other_handler),
        }.items():
            submission = file_online(self.agency[where], applicant_name=f"{where}机关网上申请人")
            app = submission.application
            services.confirm_receipt(app, actor=registrar, on=app.submitted_on)
            services.start_review(app, actor=handler)
            services.decide(app, actor=handler, outcome="granted", on=app.submitted_on)
            self.app[where], self.submission[where] = app, submission
            self.notice[where] = notice_services.issue(app, actor=handler, kind="reply")
            scan = SimpleUploadedFile(
                "scan.pdf", b"%PDF-1.4\n%scan\n", content_type="application/pdf"
            )
            self.case_file[where] = store(
                app, actor=handler, category="paper_letter", checked=check(scan, max_bytes=10**6)
            )
            # A year to report on, published once.
            world.application(State.ARCHIVED, agency=self.agency[where])
            publish.publish(
                self.agency[where],
                "self",
                YEAR,
                actor=world.approver if where == "a" else world.other_approver,
            )
            Item.objects.create(
                agency=self.agency[where],
                register_kind="normative_documents",
                title=f"{where}文件",
                index_no=f"{where}/{YEAR}-00001",
                formed_on=dt.date(YEAR, 5, 1),
            )
            # A catalogue item awaiting 保密审查, with an attachment, and an import job.
            editor = world.registrar if where == "a" else world.other_handler
            item = catalogue_services.register(
                editor, self.agency[where], title=f"{where}目录条目", formed_on=dt.date(YEAR, 5, 6)
            )
            pdf = SimpleUploadedFile("att.pdf", b"%PDF-1.4\n%att\n", content_type="application/pdf")
            self.catalogue_item[where] = item
            self.attachment[where] = catalogue_services.add_attachment(
                editor, item, check(pdf, max_bytes=10**6)
            )
            job = ImportJob(agency=self.agency[where], original_name="x.xlsx", created_by=editor)
            job.file.save("x.xlsx", SimpleUploadedFile("x.xlsx", b"PK\x03\x04"), save=False)
            job.save()
            run_import(job)
            self.import_job[where] = job
            YearlyFigures.objects.create(agency=self.agency[where], year=YEAR)
        publish.publish(world.district, "tree", YEAR, actor=world.approver)
        for office in (world.office_a, world.office_b):
            Narrative.objects.create(agency=office, year=YEAR, scope="self")
        HolidayYear.objects.create(year=2030, source="测试")
        self._audits(world)
        # Admin objects per model: office A's (inside the scoped administrator's reach), office B's.
        member = Membership.objects.get
        self.admin_objects = {
            "agencies.agency": {"a": world.office_a, "b": world.office_b},
            "agencies.membership": {
                "a": member(user=world.handler),
                "b": member(user=world.other_handler),
                "own": member(user=world.administrator),
            },
            "auth.user": {"a": world.handler, "b": world.other_handler, "own": world.administrator},
            "auth.group": {"any": Group.objects.get(name=CALENDAR_GROUP)},
            "holidays.holidayyear": {"any": HolidayYear.objects.get(year=2030)},
            "catalogue.item": {
                w: Item.objects.get(agency=self.agency[w], register_kind="normative_documents")
                for w in "ab"
            },
            "catalogue.topic": {"any": Topic.objects.first()},
            "catalogue.genre": {"any": Genre.objects.first()},
            "annualreports.yearlyfigures": {
                w: YearlyFigures.objects.get(agency=self.agency[w]) for w in "ab"
            },
            "annualreports.narrative": {
                w: Narrative.objects.get(agency=self.agency[w]) for w in "ab"
            },
            "annualreports.publishedreport": {
                w: PublishedReport.objects.get(agency=self.agency[w]) for w in "ab"
            },
            # System-wide: the job queue and API tokens are the superuser's alone.
            "django_tasks_database.dbtaskresult": {
                "any": DBTaskResult.objects.create(
                    args_kwargs={"args": [], "kwargs": {}},
                    task_path="gongkai.portal.tasks.notify_registrars",
                    backend_name="default",
                    run_after=timezone.now(),
                    exception_class_path="",
                    traceback="",
                )
            },
            "api.apitoken": {
                w: ApiToken.issue(u, "测试")[0]
                for w, u in (("a", world.handler), ("b", world.other_handler))
            },
        }
        self.admin_objects.update(
            {
                "zfxxgk.systempage": {
                    w: SystemPage.objects.create(
                        agency=self.agency[w], title=f"{w}制度", body="正文"
                    )
                    for w in "ab"
                },
                "zfxxgk.legacyreport": {
                    w: LegacyReport.objects.create(
                        agency=self.agency[w],
                        year=2018,
                        title=f"{w}年报",
                        file=f"zfxxgk/reports/{w}.pdf",
                    )
                    for w in "ab"
                },
            }
        )

        self.supervision = supervision_urls.Objects(world)
        self.admin_objects.update(supervision_urls.admin_objects(world, self.supervision))
        self.admin_objects.update(self._admin_rows(world))

    def _admin_rows(self, world) -> dict:
        """Office A's and office B's rows of the catalogue's and the audits' other admin models."""
        from gongkai.audits.models import AuditedReport, AuditFinding
        from gongkai.catalogue.models import ItemEvent

        reports = {
            w: AuditedReport.objects.create(
                batch=self.batch[w], agency=self.agency[w], original_name=f"{w}自审.txt"
            )
            for w in "ab"
        }
        return {
            "catalogue.attachment": self.attachment,
            "catalogue.itemevent": {
                w: ItemEvent.objects.filter(item=i).first() for w, i in self.catalogue_item.items()
            },
            "catalogue.importjob": self.import_job,
            "audits.auditbatch": self.batch,
            "audits.auditedreport": reports,
            "audits.auditfinding": {
                w: AuditFinding.objects.create(
                    report=r, batch=r.batch, agency=r.agency, rule="T", level="error", message="m"
                )
                for w, r in reports.items()
            },
        }

    def _audits(self, world):
        """A bulk audit owned by office A and one by office B (each seen by that office's
        supervisors and administrators), and the district's audit of office A's and office B's
        reports (each result seen by its own unit's members and by the district's supervisor)."""
        from gongkai.audits.models import AuditBatch, AuditedReport

        self.batch = {
            w: AuditBatch.objects.create(
                owner=self.agency[w], title=f"{w}批次", created_by=world.administrator
            )
            for w in "ab"
        }
        district = AuditBatch.objects.create(
            owner=world.district, title="区批次", created_by=world.district_supervisor
        )
        self.audited = {
            w: AuditedReport.objects.create(
                batch=district, agency=self.agency[w], original_name=f"{w}.txt", state="done"
            )
            for w in "ab"
        }

    def snapshot(self) -> tuple:
        return (
            ApplicationEvent.objects.count(),
            sorted(Application.objects.values_list("pk", "state", "handler_id")),
            Notice.objects.count(),
            Membership.objects.count(),
            get_user_model().objects.count(),
            sorted(
                get_user_model().objects.values_list(
                    "username", "is_superuser", "is_staff", "is_active", "password"
                )
            ),
            Agency.objects.count(),
            HolidayYear.objects.count(),
            PublishedReport.objects.count(),
            Item.objects.count(),
            Narrative.objects.count(),
            _audit_rows(),
            supervision_urls.rows(),
        )


def _audit_rows() -> tuple:
    from gongkai.audits.models import AuditBatch, AuditedReport

    return AuditBatch.objects.count(), AuditedReport.objects.count()


@pytest.fixture
def scene(world):
    return Scene(world)


@dataclass(frozen=True)
class Url:
    name: str  # namespace:name, or namespace:<route> for an unnamed pattern
    url: str
    where: str = ""  # whose object: "a", "b", "tree", "own", "any"
    action: str = ""  # a transition's name
    model: str = ""  # admin: app_label.model_name
    view: str = ""  # admin: changelist, add, change, …


def all_namespaces() -> set[str]:
    found = set()

    def walk(items):
        for p in items:
            if isinstance(p, URLResolver):
                if p.namespace:
                    found.add(p.namespace)
                walk(p.url_patterns)

    walk(get_resolver().url_patterns)
    return found


def patterns():
    """(namespace, name or None, route, parameter names) of every URL in NAMESPACES."""
    found = []

    def walk(items, namespace, prefix):
        for p in items:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and namespace in NAMESPACES:
                params = sorted(
                    set(re.findall(r"<(?:\w+:)?(\w+)>", str(p.pattern)))
                    | set(p.pattern.regex.groupindex)
                )
                found.append((namespace, p.name, prefix + str(p.pattern), params))

    walk(get_resolver().url_patterns, None, "")
    return found


ADMIN_MODEL_VIEW = re.compile(
    r"^(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<view>changelist|add|history|delete|change|password_change)$"
)


def urls(scene: Scene) -> list[Url]:
    out = []
    cell = {"table": "t3", "row": "granted", "col": "natural_person"}
    for namespace, name, route, params in patterns():
        full = f"{namespace}:{name}" if name else f"{namespace}:{route}"
        if namespace in supervision_urls.NAMESPACES:
            out += supervision_urls.urls(scene, full, name, params, Url)
        elif namespace == "admin":
            out += _admin_urls(scene, full, name, route, params)
        elif params == []:
            out.append(Url(full, reverse(full)))
        elif params == ["pk"]:
            for where in "ab":
                obj = {
                    "notices:download_docx": scene.notice,
                    "notices:download_pdf": scene.notice,
                    "online:id_document": scene.submission,
                    "casefiles:download": scene.case_file,
                    "casefiles:withdraw": scene.case_file,
                    "catalogue:item_detail": scene.catalogue_item,
                    "catalogue:item_edit": scene.catalogue_item,
                    "catalogue:attachment_download": scene.attachment,
                    "catalogue:import_status": scene.import_job,
                    "audits:report": scene.audited,
                }.get(full, scene.batch if namespace == "audits" else scene.app)[where]
                out.append(Url(full, reverse(full, kwargs={"pk": obj.pk}), where))
        elif params == ["action", "pk"] and namespace == "catalogue":
            out += [
                Url(
                    full,
                    reverse(full, kwargs={"pk": scene.catalogue_item[w].pk, "action": a}),
                    w,
                    action=a,
                )
                for w in "ab"
                for a in CATALOGUE_ACTIONS
            ]
        elif params == ["action", "pk"]:
            out += [
                Url(full, reverse(full, kwargs={"pk": scene.app[w].pk, "action": a}), w, action=a)
                for w in "ab"
                for a in ACTION_FORMS
            ]
        elif namespace == "annual" and {"agency_id", "year", "scope"} <= set(params):
            extra = {"col", "fmt", "row", "table", "version"}
            if not set(params) - {"agency_id", "year", "scope"} <= extra:
                raise AssertionError(f"{full} has parameters {params} this test does not know")
            for where, scope in (("a", "self"), ("b", "self"), ("tree", "tree")):
                kwargs = {"agency_id": scene.agency[where].pk, "year": YEAR, "scope": scope}
                kwargs.update(
                    {k: v for k, v in {**cell, "version": 1, "fmt": "html"}.items() if k in params}
                )
                out.append(Url(full, reverse(full, kwargs=kwargs), where))
        else:  # a new kind of URL: teach this test how to fill it in and what to expect
            raise AssertionError(f"{full} has parameters {params} this test does not know")
    return out


def _admin_urls(scene, full, name, route, params) -> list[Url]:
    if name is None and route.endswith("<path:object_id>/"):  # the old change URL, a redirect
        label = ".".join(route.split("/")[1:3])
        return [
            Url(
                full,
                "/" + route.replace("<path:object_id>", str(obj.pk)),
                where,
                model=label,
                view="old_change",
            )
            for where, obj in scene.admin_objects[label].items()
        ]
    if name is None and params == ["url"]:
        return [Url(full, "/admin/no-such-page/", view="catch_all")]
    if name == "app_list":
        labels = re.search(r"\(\?P<app_label>([^)]*)\)", route)[1].split("|")
        return [
            Url(full, reverse(full, kwargs={"app_label": label}), model=label, view="app_list")
            for label in labels
        ]
    if name == "view_on_site":
        agency = scene.world.office_a
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(Agency)
        return [
            Url(
                full,
                reverse(full, kwargs={"content_type_id": ct.pk, "object_id": agency.pk}),
                view="view_on_site",
            )
        ]
    m = ADMIN_MODEL_VIEW.match(name or "")
    if m:
        label = f"{m['app']}.{m['model']}"
        if label not in scene.admin_objects:
            raise AssertionError(f"{full}: a model this test has no objects for ({label})")
        if not params:
            return [Url(full, reverse(full), model=label, view=m["view"])]
        view = "user_password" if m["view"] == "password_change" else m["view"]
        if params in (["object_id"], ["id"]):
            return [
                Url(full, reverse(full, args=[obj.pk]), where, model=label, view=view)
                for where, obj in scene.admin_objects[label].items()
            ]
    if not params and name in {
        "index",
        "login",
        "logout",
        "password_change",
        "password_change_done",
        "jsi18n",
        "autocomplete",
    }:
        return [Url(full, reverse(full), view=name)]
    raise AssertionError(f"{full} ({route}) has parameters {params} this test does not know")


# -- what each must answer ------------------------------------------------------------------

LOGIN = "login"  # a redirect to /login/
ADMIN_LOGIN = "admin login"  # a redirect to /admin/login/
# Who registers and edits catalogue items (gongkai.catalogue.services.EDITING_ROLES).
CATALOGUE_EDITORS = {R, H, A, ADM}
WORK_LISTS = {
    "catalogue:item_list",
    "catalogue:item_export",
    "staff:application_list",
    "staff:application_export",
    "staff:application_export_xlsx",
    "staff:my_tasks",
    "staff:to_sign",
    "staff:overview",
    "annual:index",
    "online:corrections",
}
POST_ONLY = {"casefiles:upload", "casefiles:withdraw"}


def _agency_roles(who: Who, where: str) -> set:
    return who.at("district" if where == "tree" else where)


def expect_get(u: Url, who: Who):
    ns = u.name.split(":")[0]
    if ns in supervision_urls.NAMESPACES:
        return supervision_urls.expect_get(u, who, LOGIN)
    if ns == "admin":
        return _expect_admin(u, who)
    if ns == "api":
        if u.name == "api:schema":
            return 200
        if u.name == "api:transition":
            return 405  # POST only, refused before anything else
        if not who.logged_in:
            return 401
        if u.name == "api:applications":
            return 200
        return 200 if u.where in who.reads else 404
    if not who.logged_in:
        return LOGIN
    if ns == "audits":
        return _expect_audits(u, who)
    if u.name in WORK_LISTS:
        return 200
    if u.name == "staff:application_create":
        return 200 if who.anywhere() & {R, H} else 403
    if u.name == "annual:register_import":
        return 200 if who.anywhere() & {A, ADM} else 403
    if u.name in ("catalogue:item_create", "catalogue:import_start"):
        return 200 if who.anywhere() & CATALOGUE_EDITORS else 403
    if (
        u.name == "catalogue:lookup"
    ):  # for staff answering applications, and the system administrator
        return 200 if who.roles or who.admin == "super" else 403
    if u.name in POST_ONLY:
        return 405
    if u.where not in who.reads:
        return 404
    roles = _agency_roles(who, u.where)
    if u.name == "staff:application_transition":
        return 200 if roles & services.RULES[u.action].roles else 403
    if u.name in ("online:id_document", "casefiles:download"):
        return 200 if roles & CASE else 404  # the document's existence is not revealed
    if u.name in (
        "annual:narrative",
        "annual:publish",
    ):  # publish: GET shows what will be published
        return 200 if roles & {A, ADM} else 403
    if u.name == "catalogue:item_edit":
        return 200 if roles & CATALOGUE_EDITORS else 403
    if u.name == "catalogue:item_action":
        return 200 if roles & catalogue_services.RULES[u.action].roles else 403
    return 200


AUDITORS = {S, ADM}  # who runs an office's bulk audit (《条例》第四十七条: the 主管部门 supervises)


def _expect_audits(u: Url, who: Who):
    """A batch is its office's supervisors' and administrators' (and the superuser's, to read); a
    report's result also its own unit's members' and the district's (whose batch audited it)."""
    if u.name == "audits:batch_list":
        return 200
    if u.name in ("audits:batch_create", "audits:batch_from_system"):
        if u.name == "audits:batch_from_system":
            return 405  # POST only
        return 200 if who.anywhere() & AUDITORS else 403
    if who.admin == "super":
        return 200
    if u.name == "audits:report":
        return 200 if who.at(u.where) or who.at("district") & AUDITORS else 404
    return 200 if who.at(u.where) & AUDITORS else 404


def expect_post(u: Url, who: Who):
    """A POST's refusal, or None where this user may post here (not exercised: other tests do)."""
    ns = u.name.split(":")[0]
    if ns in supervision_urls.NAMESPACES:
        return supervision_urls.expect_post(u, who, LOGIN)
    roles = _agency_roles(who, u.where)
    if ns == "api":
        if u.name in ("api:application", "api:events", "api:schema"):
            return 405
        if not who.logged_in:
            return 401
        if u.name == "api:applications":
            return None if who.anywhere() & {R, H} else 403
        if u.where not in who.reads:
            return 404
        if u.name == "api:transition":
            return None if roles & services.RULES[u.action].roles else 403
        return None if roles & CASE else 403  # api:notices
    if ns == "admin":
        status = _expect_admin(u, who)
        if u.view == "autocomplete" and who.admin:
            return 405  # GET only
        if u.model in READ_ONLY_MODELS and u.view == "change" and status in (200, 302):
            return 403  # read-only: viewed, never saved
        if (
            u.view in ("change", "delete", "user_password")
            and u.where == "own"
            and who.admin == "scoped"
        ):
            return 403  # their own roles and account: seen, never changed
        return (
            status
            if status in (ADMIN_LOGIN, 403, 404) or (u.where == "b" and who.admin == "scoped")
            else None
        )
    if not who.logged_in:
        return LOGIN
    if u.name in ("audits:batch_create", "audits:batch_from_system"):
        return None if who.anywhere() & AUDITORS else 403
    if u.name == "audits:batch_list":
        return None
    if u.name in POST_ONLY:  # case files: the case staff only; to anyone else the case has no files
        if u.where not in who.reads:
            return 404
        return None if roles & CASE else 404
    if u.name in ("annual:publish", "notices:application_notices"):
        if u.where not in who.reads:
            return 404
        allowed = {A, ADM} if u.name == "annual:publish" else CASE
        return None if roles & allowed else 403
    status = expect_get(u, who)
    return status if status in (403, 404) else None


# The models an agency administrator keeps, for the agencies they administer.
SCOPED_MODELS = {
    "agencies.agency",
    "agencies.membership",
    "auth.user",
    "catalogue.item",
    "annualreports.yearlyfigures",
    "annualreports.narrative",
    "annualreports.publishedreport",
}
SCOPED_MODELS |= {"zfxxgk.systempage", "zfxxgk.legacyreport"}
SCOPED_MODELS |= {
    "catalogue.attachment",
    "catalogue.itemevent",
    "catalogue.importjob",
    "audits.auditbatch",
    "audits.auditedreport",
    "audits.auditfinding",
}
SCOPED_MODELS |= supervision_urls.ADMIN_SCOPED
# Read-only in the admin for everyone: a published version is never edited; catalogue items,
# audits and supervision records change only through their services; logs are append-only.
READ_ONLY_MODELS = {
    "annualreports.publishedreport",
    "catalogue.item",
    "catalogue.attachment",
    "catalogue.itemevent",
    "catalogue.importjob",
    "audits.auditbatch",
    "audits.auditedreport",
    "audits.auditfinding",
} | supervision_urls.ADMIN_READ_ONLY


def _admin_model_access(who: Who, model: str) -> str:
    """What the admin lets this user do with a model: "all", "scoped" (office A and below), "none"."""
    if who.admin == "super":
        return "all"
    if who.admin == "calendar":
        return "all" if model == "holidays.holidayyear" else "none"
    if who.admin == "scoped":
        return "scoped" if model in SCOPED_MODELS else "none"
    return "none"


APP_LABELS = {
    "auth": ("auth.user", "auth.group"),
    "agencies": ("agencies.agency", "agencies.membership"),
    "holidays": ("holidays.holidayyear",),
    "catalogue": (
        "catalogue.item",
        "catalogue.topic",
        "catalogue.genre",
        "catalogue.attachment",
        "catalogue.itemevent",
        "catalogue.importjob",
    ),
    "audits": ("audits.auditbatch", "audits.auditedreport", "audits.auditfinding"),
    "annualreports": (
        "annualreports.yearlyfigures",
        "annualreports.narrative",
        "annualreports.publishedreport",
    ),
    "django_tasks_database": ("django_tasks_database.dbtaskresult",),
    "api": ("api.apitoken",),
}
APP_LABELS["zfxxgk"] = ("zfxxgk.systempage", "zfxxgk.legacyreport")
APP_LABELS.update(supervision_urls.ADMIN_LABELS)


# Rows made elsewhere: jobs by the application (kept as the audit of what ran), tokens by
# `manage.py api_token` (the clear value is shown once there).
NOT_IN_ADMIN = {"django_tasks_database.dbtaskresult": {"add", "delete"}, "api.apitoken": {"add"}}


def _expect_admin(u: Url, who: Who):
    if u.view == "login":
        return 302 if who.admin else 200  # an admin user is sent on to the index
    if not who.admin:
        # The logout of a user with no admin access goes to the index, which asks for the login.
        return 302 if u.view == "logout" else ADMIN_LOGIN
    if u.view in ("index", "password_change", "password_change_done", "jsi18n"):
        return 200
    if u.view == "logout":
        return 405  # POST only
    if u.view == "autocomplete":
        return 403  # no field named: refused
    if u.view in ("catch_all", "view_on_site"):
        return 404
    if u.view == "app_list":
        return (
            200 if any(_admin_model_access(who, m) != "none" for m in APP_LABELS[u.model]) else 404
        )
    if u.view == "old_change":
        return 302
    access = _admin_model_access(who, u.model)
    if access == "none":
        # The history of an object outside the user's (empty) list: Django's missing-id redirect.
        return 302 if u.view == "history" and u.model in SCOPED_MODELS else 403
    frozen = u.model in READ_ONLY_MODELS
    if u.view in NOT_IN_ADMIN.get(u.model, ()):
        return 403
    if u.view == "add":
        return 403 if frozen else 200
    if u.view == "changelist":
        return 200
    if u.view == "delete":
        if frozen or (u.model == "agencies.agency" and who.admin != "super"):
            return 403
        if access == "scoped" and (u.model == "auth.user" or u.where == "own"):
            return 403  # a scoped administrator deactivates accounts, and keeps their own roles
    if access == "scoped" and u.where == "b":
        # Another agency's object does not exist for them (Django redirects to the index) — except
        # a password change, which answers 404.
        return 404 if u.view == "user_password" else 302
    if u.view == "user_password" and access == "scoped" and u.where == "own":
        return 403
    return 200


# -- the test --------------------------------------------------------------------------------


def _client_for(client, scene, who):
    client.logout()
    if who.logged_in:
        client.force_login(scene.users[who.name])
    return client


def _status(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location.startswith(reverse("login")):
            return LOGIN
    return response.status_code


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_it_knows_every_url_of_every_login_required_namespace(scene):
    found = urls(scene)
    names = {u.name for u in found}
    # A new namespace fails here until this test says what each user may do there.
    assert all_namespaces() - PUBLIC == NAMESPACES
    for namespace in NAMESPACES:
        assert any(n.startswith(namespace + ":") for n in names), namespace
    assert {
        "staff:my_tasks",
        "staff:to_sign",
        "staff:overview",
        "staff:application_export_xlsx",
        "annual:narrative",
        "admin:auth_user_password_change",
        "admin:holidays_holidayyear_change",
    } <= names
    # Every pattern produced at least one URL.
    assert len(names) == len({(ns, name or route) for ns, name, route, _ in patterns()})


@pytest.mark.parametrize("who", USERS, ids=[w.name for w in USERS])
def test_it_answers_every_url_as_the_access_rules_say(client, scene, who):
    client = _client_for(client, scene, who)
    before = scene.snapshot()
    wrong = []
    secrets = ("b机关网上申请人",) if "b" not in who.reads else ()
    secrets += ("a机关网上申请人",) if "a" not in who.reads else ()
    checked = 0
    for u in urls(scene):
        expected = expect_get(u, who)
        response = client.get(u.url)
        got = _status(response)
        if got != expected:
            wrong.append(f"GET {u.url} ({u.name}): {got}, expected {expected}")
        body = _body(response).decode("utf-8", "replace")
        leaked = [s for s in secrets if s in body]
        if leaked:
            wrong.append(f"GET {u.url}: shows {leaked}")
        checked += 1
        refusal = expect_post(u, who)
        if refusal is not None:
            data = {
                "on": "2025-04-01",
                "kind": "reply",
                "post": "yes",
                "note": "x",
                "role": "approver",
                "user": scene.users["nobody"].pk,
                "agency": scene.world.office_a.pk,
                "username": "taken",
                "password1": "Gk-2026-long-pass",
                "password2": "Gk-2026-long-pass",
                "is_active": "on",
            }
            if u.name.startswith("api:"):
                response = client.post(u.url, "{}", content_type="application/json")
            else:
                response = client.post(u.url, data)
            got = _status(response)
            if got != refusal:
                wrong.append(f"POST {u.url} ({u.name}): {got}, expected {refusal}")
            checked += 1
    assert not wrong, f"{len(wrong)} of {checked} answers wrong:\n" + "\n".join(wrong)
    assert scene.snapshot() == before

"""Demo data: a district with its offices and streets, one user per role, and a few hundred
applications in every state, all driven through the real services (so every event is genuine).

    manage.py load_demo [--count 320] [--password demo1234]
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import CALENDAR_GROUP, ensure_calendar_group
from gongkai.agencies.models import Agency, Level, Membership, Role
from gongkai.applications import services
from gongkai.applications.choices import (
    OUTCOME_KEYS,
    ApplicantType,
    Channel,
    DeliveryForm,
    ServiceMethod,
    State,
)
from gongkai.applications.deadline import due_info
from gongkai.applications.identifiers import credit_code_check_char, id_card_check_digit
from gongkai.applications.models import Application
from gongkai.holidays.table import working_calendar

DISTRICT = ("DEMO", "示范区人民政府")
OFFICES = [
    ("DEMO-01", "示范区人民政府办公室"),
    ("DEMO-02", "示范区发展和改革委员会"),
    ("DEMO-03", "示范区住房和城乡建设局"),
    ("DEMO-04", "示范区自然资源局"),
    ("DEMO-05", "示范区市场监督管理局"),
]
STREETS = [
    ("DEMO-11", "示范区城关街道办事处"),
    ("DEMO-12", "示范区东城街道办事处"),
    ("DEMO-13", "示范区西湖镇人民政府"),
]

# What each of these demo agencies prints on its letters: the 机关代字 of the 文号, the 政府信息公开
# office, the contact person, and the remedy sentence's review body and court. The district
# government's own acts are reviewed by the government above it and sued at the intermediate
# court (《行政复议法》第二十四条, 《行政诉讼法》第十五条); its departments and streets by the
# district government and at the district court. The other departments and streets of
# load_demo_year have theirs derived from their names (`office_details`).
CITY_GOVERNMENT, CITY_COURT, DISTRICT_COURT = (
    "示范市人民政府",
    "示范市中级人民法院",
    "示范区人民法院",
)
LETTER_DETAILS = {
    "DEMO": ("示政信公", "政府信息公开办公室", "王明", CITY_GOVERNMENT, CITY_COURT),
    "DEMO-01": ("示政办信公", "办公室政务公开科", "李静", DISTRICT[1], DISTRICT_COURT),
    "DEMO-02": ("示发改信公", "办公室", "赵磊", DISTRICT[1], DISTRICT_COURT),
    "DEMO-03": ("示住建信公", "办公室", "孙洋", DISTRICT[1], DISTRICT_COURT),
    "DEMO-04": ("示自然资信公", "办公室", "周敏", DISTRICT[1], DISTRICT_COURT),
    "DEMO-05": ("示市监信公", "办公室", "吴涛", DISTRICT[1], DISTRICT_COURT),
    "DEMO-11": ("城关街信公", "党政办公室", "郑芳", DISTRICT[1], DISTRICT_COURT),
    "DEMO-12": ("东城街信公", "党政办公室", "陈杰", DISTRICT[1], DISTRICT_COURT),
    "DEMO-13": ("西湖镇信公", "党政办公室", "林娟", DISTRICT[1], DISTRICT_COURT),
    # load_demo_year's units under departments, whose names abbreviate less regularly.
    "DEMO-301": ("示不动产信公", "综合科", "何静", DISTRICT[1], DISTRICT_COURT),
    "DEMO-302": ("示城管执法信公", "综合科", "郭强", DISTRICT[1], DISTRICT_COURT),
    "DEMO-303": ("城关市监所信公", "综合科", "马超", DISTRICT[1], DISTRICT_COURT),
}
# The seats of the district's offices; streets and towns sit on a road named after themselves.
ROADS = ("人民路", "建设大街", "文化路", "滨河路", "光明路", "振兴路")
TOWNSHIP_SUFFIXES = (("街道办事处", "街道"), ("镇人民政府", "镇"), ("乡人民政府", "乡"))
# The fictional district's own Internet domain: .example is reserved for examples (RFC 2606).
DOMAIN = "shifanqu.example"


def _serial(code: str) -> int:
    """The number at the end of a demo code (DEMO-204 → 204, DEMO → 0)."""
    tail = code.rpartition("-")[2]
    return int(tail) if tail.isdigit() else 0


def _township(name: str) -> tuple[str, str] | None:
    """(place, kind) of a street or town: 示范区南湖街道办事处 → (南湖, 街道)."""
    stem = name.removeprefix("示范区")
    for suffix, kind in TOWNSHIP_SUFFIXES:
        if stem.endswith(suffix):
            return stem.removesuffix(suffix), kind
    return None


def office_details(code: str, name: str, level: str) -> dict:
    """Everything a demo agency prints on its letters and in its 政府信息公开指南 (every element of
    《条例》第十二条: office, address, hours, telephone, fax, e-mail and website), hand-picked for
    the agencies above and derived from the code and name for the others. All invented: the
    district is fictional, the telephone and fax numbers follow one made-up series and the mail
    and web addresses are under the reserved DOMAIN."""
    n = _serial(code)
    township = _township(name) if level == Level.STREET else None
    if township:
        place, kind = township
        derived = (f"{place}{kind[0]}信公", "党政办公室")
        address = f"示范区{place}{kind}{place}路{n % 40 + 1}号"
        postcode = f"1000{n % 100:02d}"
        hours = "工作日 8:30—12:00，14:00—17:30"
    else:
        derived = (f"示{name.removeprefix('示范区')[:2]}信公", "办公室")
        address = "示范区人民路1号" if n <= 1 else f"示范区{ROADS[n % len(ROADS)]}{2 * n + 1}号"
        postcode = "100000"
        hours = "工作日 9:00—12:00，13:30—17:30"
    person = SURNAMES[n % len(SURNAMES)] + GIVEN[n * 7 % len(GIVEN)]
    prefix, office, person, review_body, court = LETTER_DETAILS.get(
        code, (*derived, person, DISTRICT[1], DISTRICT_COURT)
    )
    return {
        "doc_prefix": prefix,
        "office_name": office,
        "contact_person": person,
        "office_phone": f"010-6123{n:04d}",
        "office_fax": f"010-6124{n:04d}",
        "office_email": f"zfxxgk-{code.lower()}@{DOMAIN}",
        "office_website": f"https://www.{DOMAIN}/zfxxgk/{code}/",
        "office_address": address,
        "office_postcode": postcode,
        "office_hours": hours,
        "review_body": review_body,
        "court": court,
    }


# The demo users people log in as; all at the district government's office, the supervisor at the
# district (reads everything below), a handler at another office to show the separation, and the
# office's administrator (管理员, scoped to it: not a superuser).
DEMO_USERS = [
    ("demo_registrar", "DEMO-01", Role.REGISTRAR),
    ("demo_handler", "DEMO-01", Role.HANDLER),
    ("demo_approver", "DEMO-01", Role.APPROVER),
    ("demo_supervisor", "DEMO", Role.SUPERVISOR),
    ("demo_admin", "DEMO-01", Role.ADMINISTRATOR),
    ("demo_handler_zjj", "DEMO-03", Role.HANDLER),
]
# Accounts without an agency role: the installation's system administrator (superuser) and the
# keeper of the national holiday table (group 节假日表维护).
DEMO_ROOT = "demo_root"
DEMO_CALENDAR = "demo_calendar"

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "建华",
]
TOPICS = [
    "{year}年度本单位部门预算和决算",
    "某小区加装电梯项目的审批文件",
    "{year}年老旧小区改造项目资金使用情况",
    "某地块国有土地使用权出让合同",
    "某道路拓宽工程的征收补偿方案",
    "{year}年行政处罚决定书（某餐饮店）",
    "某河道整治工程的环境影响评价批复",
    "本街道{year}年低保审批名单",
    "某工业园区规划调整的会议纪要",
    "{year}年政府集中采购项目清单",
]
COMPANIES = [
    "示范建设工程有限公司",
    "明德科技股份有限公司",
    "城南物业服务有限公司",
    "远航律师事务所",
    "绿水环保基金会",
    "示范大学城市研究所",
]
REGIONS = ["110101", "310104", "440305", "320102", "510107", "330106"]

# The two 其他处理 rows reached by their own lapse transitions are left out of direct decisions.
OPEN_OUTCOMES = sorted(OUTCOME_KEYS - {"other.no_correction", "other.fee_not_paid"})


class Command(BaseCommand):
    help = "载入演示数据：机关、每个角色一个用户、各种状态的申请"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=320)
        parser.add_argument("--password", default="demo1234")
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args, count, password, seed, **options):
        rng = random.Random(seed)
        with transaction.atomic():
            agencies = self._agencies()
            staff = self._staff(agencies, password)
            created = 0
            if not Application.objects.filter(agency__code__startswith="DEMO").exists():
                today = timezone.localdate()
                states = list(State)
                for i in range(count):
                    self._application(rng, agencies, staff, states[i % len(states)], today)
                    created += 1
        self.stdout.write(f"演示数据：{len(agencies)}个机关，新建申请{created}件。")
        self.stdout.write(f"演示用户（密码均为 {password}）：")
        for username, code, role in DEMO_USERS:
            self.stdout.write(f"  {username:<18} {Role(role).label:<8} {agencies[code].name}")
        self.stdout.write(
            f"  {DEMO_ROOT:<18} {'系统管理员':<8} 超级用户，可查看全部机关（个人信息脱敏）"
        )
        self.stdout.write(f"  {DEMO_CALENDAR:<18} {'节假日表维护':<8} 只维护全国节假日表")
        self.stdout.write(
            "  demo_admin 可登录 /admin/ 维护本机关的机关信息、人员和角色（不能给自己授权）。"
        )

    def _agencies(self) -> dict[str, Agency]:
        district, _ = Agency.objects.update_or_create(
            code=DISTRICT[0],
            defaults={
                "name": DISTRICT[1],
                "level": Level.GOVERNMENT,
                "parent": None,
                **office_details(*DISTRICT, Level.GOVERNMENT),
            },
        )
        result = {district.code: district}
        for rows, level in ((OFFICES, Level.DEPARTMENT), (STREETS, Level.STREET)):
            for code, name in rows:
                result[code], _ = Agency.objects.update_or_create(
                    code=code,
                    defaults={
                        "name": name,
                        "level": level,
                        "parent": district,
                        **office_details(code, name, level),
                    },
                )
        return result

    def _staff(self, agencies, password) -> dict[str, dict[str, object]]:
        User = get_user_model()

        def user(username, **extra):
            u, _ = User.objects.get_or_create(username=username, defaults=extra)
            u.set_password(password)
            for k, v in extra.items():
                setattr(u, k, v)
            u.save()
            return u

        staff: dict[str, dict[str, object]] = {}
        for username, code, role in DEMO_USERS:
            # demo_admin was a superuser in earlier demo databases: a scoped administrator now.
            u = user(username, is_staff=False, is_superuser=False)
            Membership.objects.get_or_create(user=u, agency=agencies[code], role=role)
            staff.setdefault(code, {})[role] = u
        user(DEMO_ROOT, is_staff=True, is_superuser=True)
        ensure_calendar_group()
        user(DEMO_CALENDAR).groups.add(Group.objects.get(name=CALENDAR_GROUP))
        # Every other agency gets its own registrar, handler and approver (same password).
        for code, agency in agencies.items():
            if code == DISTRICT[0]:
                continue
            for role in (Role.REGISTRAR, Role.HANDLER, Role.APPROVER):
                if role in staff.get(code, {}):
                    continue
                u = user(f"{code.lower()}_{role}")
                Membership.objects.get_or_create(user=u, agency=agency, role=role)
                staff.setdefault(code, {})[role] = u
        return staff

    def _applicant(self, rng) -> dict:
        kind = rng.choices(ApplicantType.values, weights=[70, 12, 4, 4, 5, 5])[0]
        if kind == ApplicantType.NATURAL_PERSON:
            birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 50))
            first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
            return {
                "applicant_type": kind,
                "applicant_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "id_doc_type": "resident_id",
                "id_number": first17 + id_card_check_digit(first17),
            }
        prefix = {
            "commercial_enterprise": "91",
            "research_institution": "12",
            "social_welfare_org": "53",
            "legal_service_org": "31",
            "other_org": "59",
        }[kind]
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        first17 = prefix + rng.choice(REGIONS) + "".join(rng.choice(alphabet) for _ in range(9))
        return {
            "applicant_type": kind,
            "applicant_name": rng.choice(COMPANIES),
            "credit_code": first17 + credit_code_check_char(first17),
            "legal_representative": rng.choice(SURNAMES) + rng.choice(GIVEN),
        }

    def _application(self, rng, agencies, staff, target: State, today: dt.date) -> None:
        code = rng.choice([c for c in agencies if c != DISTRICT[0]])
        people = staff[code]
        registrar, handler, approver = (
            people[Role.REGISTRAR],
            people[Role.HANDLER],
            people[Role.APPROVER],
        )
        # Open cases: recent enough that most are in time, some overdue; closed ones older.
        recent = (
            State.SUBMITTED,
            State.REGISTERED,
            State.IN_REVIEW,
            State.IN_CONSULTATION,
            State.AWAITING_FEE,
        )
        age = rng.randrange(0, 45) if target in recent else rng.randrange(60, 300)
        submitted = today - dt.timedelta(days=age)
        channel = rng.choice(Channel.values)
        data = {
            **self._applicant(rng),
            "contact_phone": f"13{rng.randrange(0, 10**9):09d}",
            "contact_address": "示范区人民路" + str(rng.randrange(1, 300)) + "号",
            "description": rng.choice(TOPICS).format(year=submitted.year - rng.randrange(0, 3)),
            "delivery_form": rng.choice(DeliveryForm.values),
            "channel": channel,
            "submitted_on": submitted,
        }
        # Every step is dated no later than today (the services refuse dates in the future).
        if channel == Channel.POST_SIGNED:
            data["signed_on"] = min(today, submitted + dt.timedelta(days=rng.randrange(0, 3)))
        elif channel != Channel.IN_PERSON:
            data["confirmed_on"] = min(today, submitted + dt.timedelta(days=rng.randrange(0, 2)))
        if target in (State.SUBMITTED, State.NOT_ACCEPTED, State.DISCARDED):
            data.update(channel=Channel.INTERNET, signed_on=None, confirmed_on=None)
            app = services.submit_online(agency=agencies[code], data=data)
            if target == State.NOT_ACCEPTED:
                services.decline_submission(
                    app,
                    actor=registrar,
                    reason="来信反映邻里纠纷，属于信访事项，请向信访部门反映。",
                    on=submitted,
                )
            elif target == State.DISCARDED:
                services.discard_submission(
                    app, actor=registrar, discard_reason="spam", note="测试提交"
                )
            return
        app = services.register(actor=registrar, agency=agencies[code], data=data)
        if target == State.REGISTERED:
            return
        day = min(today, app.received_on + dt.timedelta(days=1))
        services.start_review(app, actor=handler)
        if target == State.AWAITING_CORRECTION or (
            target in (State.DECIDED, State.ARCHIVED) and rng.random() < 0.15
        ):
            services.request_correction(
                app,
                actor=handler,
                items="请写明所需信息的名称、文号或者其他特征性描述",
                due_on=day + dt.timedelta(days=15),
                on=day,
            )
            if target == State.AWAITING_CORRECTION:
                return
            if rng.random() < 0.5:
                services.lapse_correction(app, actor=handler, on=day + dt.timedelta(days=16))
                self._finish(rng, app, people, target, day + dt.timedelta(days=17))
                return
            day = min(today, day + dt.timedelta(days=8))
            services.receive_correction(app, actor=registrar, on=day)
        if target == State.AWAITING_FEE or (
            target in (State.DECIDED, State.ARCHIVED) and rng.random() < 0.05
        ):
            services.notify_fee(
                app,
                actor=handler,
                method=rng.choice(["PER_ITEM", "PER_VOLUME"]),
                quantity=rng.randrange(120, 400),
                on=day,
                pay_by=day + dt.timedelta(days=15),
            )
            if target == State.AWAITING_FEE:
                return
            if rng.random() < 0.5:
                services.lapse_fee(app, actor=handler, on=day + dt.timedelta(days=16))
                self._finish(rng, app, people, target, day + dt.timedelta(days=17))
                return
            day = min(today, day + dt.timedelta(days=rng.randrange(2, 10)))
            services.record_fee_paid(app, actor=registrar, on=day)
        if target == State.IN_REVIEW:
            if rng.random() < 0.2:
                services.request_extension(
                    app,
                    actor=handler,
                    days=rng.choice([10, 15, 20]),
                    reason="申请公开的信息量较大",
                    on=day,
                )
            return
        if target == State.IN_CONSULTATION or rng.random() < 0.15:
            party = rng.choice(
                [
                    ("third_party", rng.choice(COMPANIES)),
                    ("other_agency", agencies[rng.choice(["DEMO-02", "DEMO-04"])].name),
                ]
            )
            services.start_consultation(
                app, actor=handler, party_kind=party[0], party_name=party[1], sent_on=day
            )
            if target == State.IN_CONSULTATION:
                return
            day = min(today, day + dt.timedelta(days=rng.randrange(5, 20)))
            services.end_consultation(
                app,
                actor=handler,
                answered_on=day,
                opinion="不同意公开" if rng.random() < 0.3 else "同意公开",
            )
        if rng.random() < 0.1:
            # Extended while the answer period runs (第三十三条第二款), at the latest on its last day.
            due = due_info(app, working_calendar(), day).due_on
            asked = min(day, due) if due else day
            services.request_extension(
                app, actor=handler, days=20, reason="需要检索的档案较多", on=asked
            )
            services.approve_extension(app, actor=approver, on=asked, notified_on=asked)
        day = min(today, day + dt.timedelta(days=rng.randrange(3, 20)))
        outcome = rng.choices(
            ["granted", "partially_granted", rng.choice(OPEN_OUTCOMES)], weights=[40, 20, 40]
        )[0]
        kwargs = {}
        if outcome == "not_processed.duplicate":
            earlier = Application.objects.filter(
                agency=app.agency, state__in=[State.REPLIED, State.SERVED, State.ARCHIVED]
            ).first()
            if earlier is None:
                outcome = "granted"
            else:
                kwargs["duplicate_of"] = earlier
        if outcome == "unable.unclear_after_correction" and not app.correction_received_on:
            outcome = "unable.not_held"
        services.decide(
            app,
            actor=handler,
            outcome=outcome,
            reason="" if outcome == "granted" else "依据《条例》相关规定答复",
            on=day,
            **kwargs,
        )
        self._finish(rng, app, people, target, day)

    def _finish(self, rng, app, people, target: State, day: dt.date) -> None:
        today = timezone.localdate()
        day = min(today, day)
        if target == State.DECIDED:
            return
        services.sign_reply(app, actor=people[Role.APPROVER], on=day)
        if target == State.REPLIED:
            return
        day = min(today, day + dt.timedelta(days=rng.randrange(1, 5)))
        method = rng.choice(ServiceMethod.values)
        services.serve(
            app,
            actor=people[Role.REGISTRAR],
            method=method,
            on=day,
            proof=f"EMS{rng.randrange(10**9, 10**10)}" if method == "post" else "签收回执",
        )
        if target == State.SERVED:
            return
        services.archive(
            app,
            actor=people[Role.REGISTRAR],
            on=min(today, day + dt.timedelta(days=rng.randrange(1, 10))),
        )
        if rng.random() < 0.08 and day + dt.timedelta(days=30) <= today:
            kind = rng.choice(["review", "litigation_direct"])
            case = services.record_review_case(
                app, actor=people[Role.HANDLER], kind=kind, filed_on=day + dt.timedelta(days=30)
            )
            if rng.random() < 0.6 and day + dt.timedelta(days=90) <= today:
                services.conclude_review_case(
                    case,
                    actor=people[Role.APPROVER],
                    result=rng.choice(["upheld", "corrected", "other"]),
                    concluded_on=day + dt.timedelta(days=90),
                )

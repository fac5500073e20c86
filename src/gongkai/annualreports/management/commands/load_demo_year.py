"""A simulated year for the demo district, on top of `load_demo` (which it runs first).

The agency tree grows to about fifty units (departments, streets and towns, units under
departments); about 850 applications are received on working days through the year (and a few in
the last weeks of the year before, carried over), each driven through the real services: 补正,
consultations, extensions, 信息处理费, decisions with an outcome mix like a real district's
表三, replies within the statutory deadline computed with the holiday table, service, archiving,
and review and litigation cases. It also fills the 全清单 and the yearly 表二 figures, and every
unit's 政府信息公开专栏 (指南 details, 制度, a few earlier years' reports: gongkai.zfxxgk.demo).

    manage.py load_demo_year [--year 2025] [--count 820] [--seed 2025]
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Level, Membership, Role
from gongkai.annualreports.models import DocumentKind, Scope, YearlyFigures
from gongkai.applications import services
from gongkai.applications.choices import Channel, DeliveryForm, ServiceMethod, State
from gongkai.applications.deadline import due_info
from gongkai.applications.management.commands import load_demo
from gongkai.applications.models import Application
from gongkai.catalogue import demo as catalogue_demo
from gongkai.catalogue.bulk import bulk_add
from gongkai.catalogue.choices import EventKind as CatalogueEvent
from gongkai.catalogue.models import Item
from gongkai.evaluations import demo as supervision_demo
from gongkai.holidays.table import working_calendar
from gongkai.zfxxgk import demo as zhuanlan_demo

DEPARTMENTS = [
    "教育局",
    "科学技术和信息化局",
    "公安分局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "生态环境局",
    "交通局",
    "水务局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "国有资产监督管理委员会",
    "统计局",
    "医疗保障局",
    "城市管理委员会",
    "体育局",
    "信访办公室",
    "政务服务管理局",
    "园林绿化局",
    "民族宗教事务办公室",
    "投资促进局",
    "地方金融监督管理局",
]
STREETS = [
    "南湖街道办事处",
    "北苑街道办事处",
    "新城街道办事处",
    "长安街道办事处",
    "和平街道办事处",
    "青山镇人民政府",
    "白河镇人民政府",
    "石桥镇人民政府",
    "桃源乡人民政府",
    "云溪乡人民政府",
]
# Units below a department: the tree has a third level.
UNITS = [
    ("DEMO-04", "DEMO-301", "示范区不动产登记中心"),
    ("DEMO-121", "DEMO-302", "示范区城市管理综合执法大队"),
    ("DEMO-05", "DEMO-303", "示范区市场监督管理局城关市场监督管理所"),
]

# Outcome mix in the proportions of a real district's 表三 (the seed report: 785 answered).
OUTCOME_WEIGHTS = {
    "granted": 132,
    "partially_granted": 33,
    "denied.state_secret": 1,
    "denied.law_prohibited": 16,
    "denied.third_party_rights": 13,
    "denied.internal_affairs": 9,
    "denied.process_info": 14,
    "denied.enforcement_case_file": 17,
    "denied.administrative_inquiry": 12,
    "unable.not_held": 278,
    "unable.needs_creation": 13,
    "unable.unclear_after_correction": 4,
    "not_processed.petition_complaint": 200,
    "not_processed.duplicate": 12,
    "other.no_correction": 14,
    "other.fee_not_paid": 5,
    "other.other": 12,
}
APPLICANT_WEIGHTS = {
    "natural_person": 827,
    "commercial_enterprise": 7,
    "social_welfare_org": 4,
    "research_institution": 1,
    "legal_service_org": 2,
    "other_org": 1,
}
REASONS = {
    "denied": "属于《条例》第十四条、第十五条、第十六条规定的不予公开情形",
    "unable": "经检索，本机关未制作或获取该政府信息（《条例》第三十六条第（四）项）",
    "not_processed": "不属于政府信息公开申请的处理范围（《条例》第三十九条）",
    "other": "依据《条例》有关规定作其他处理",
    "partially_granted": "部分内容涉及第三方合法权益，区分处理（《条例》第三十七条）",
}
# Weights of the agencies receiving applications: the 政府 office, planning, housing and streets most.
HEAVY = {"DEMO-01": 14, "DEMO-03": 12, "DEMO-04": 16, "DEMO-301": 6, "DEMO-11": 5, "DEMO-12": 5}


class Command(load_demo.Command):
    help = "载入演示年度：约50个机关、全年约850件申请（含补正、延期、征求意见、收费、复议诉讼）及全清单"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
        parser.add_argument(
            "--year-count", type=int, default=820, help="本年新收申请数（另有约4%上年结转）"
        )

    def handle(self, *args, year, year_count, password, seed, **options):
        super().handle(*args, password=password, seed=seed, **options)
        rng = random.Random(seed * 1000 + year)
        self.calendar = working_calendar()
        with transaction.atomic():
            agencies = self._tree()
            staff = self._year_staff(agencies, password)
            if Application.objects.filter(
                agency__code__startswith="DEMO", received_on__year=year
            ).exists():
                self.stdout.write(f"演示年度{year}年的数据已存在，未重复载入。")
            else:
                self._year(rng, agencies, staff, year, year_count)
                self._register(rng, agencies, year)
            if not catalogue_demo.loaded(year):
                count = catalogue_demo.load(random.Random(seed * 7 + year), agencies, staff, year)
                self.stdout.write(f"演示目录：{year}年主动公开目录条目{count}条已载入。")
                self.stdout.write(
                    f"演示年度：{len(agencies)}个机关，{year}年新收申请{year_count}件及上年结转申请已载入。"
                )
            if not zhuanlan_demo.loaded():
                self.stdout.write(zhuanlan_demo.load(agencies, staff, year))
            if not supervision_demo.loaded(year):
                self.stdout.write(
                    supervision_demo.load(random.Random(seed * 11 + year), agencies, staff, year)
                )
        district = agencies["DEMO"]
        self.stdout.write(
            f"{year}年度报告（示范区汇总，demo_supervisor 可查看，demo_admin 可发布）："
            f"http://127.0.0.1:8000/annual/{district.pk}/{year}/{Scope.TREE}/"
        )

    # -- agencies and people ---------------------------------------------------------------

    def _tree(self) -> dict[str, Agency]:
        agencies = {a.code: a for a in Agency.objects.filter(code__startswith="DEMO")}
        rows = [
            (f"DEMO-{101 + i}", f"示范区{name}", Level.DEPARTMENT, "DEMO")
            for i, name in enumerate(DEPARTMENTS)
        ]
        rows += [
            (f"DEMO-{201 + i}", f"示范区{name}", Level.STREET, "DEMO")
            for i, name in enumerate(STREETS)
        ]
        rows += [(code, name, Level.OTHER, parent) for parent, code, name in UNITS]
        # Every unit's 指南 and letters filled in, as load_demo fills its agencies'.
        for code, name, level, parent in rows:
            agencies[code], _ = Agency.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "level": level,
                    "parent": agencies[parent],
                    **load_demo.office_details(code, name, level),
                },
            )
        return agencies

    def _year_staff(self, agencies, password) -> dict[str, dict[str, object]]:
        """A registrar, handler and approver per agency. One password hash for all: hashing each
        user's password at full strength would take most of the start-up time."""
        User = get_user_model()
        hashed = make_password(password)
        staff: dict[str, dict[str, object]] = {}
        for m in Membership.objects.filter(agency__code__startswith="DEMO").select_related(
            "user", "agency"
        ):
            staff.setdefault(m.agency.code, {}).setdefault(m.role, m.user)
        for code, agency in agencies.items():
            if code == "DEMO":
                continue
            for role in (Role.REGISTRAR, Role.HANDLER, Role.APPROVER):
                if role in staff.get(code, {}):
                    continue
                user, _ = User.objects.get_or_create(
                    username=f"{code.lower()}_{role}", defaults={"password": hashed}
                )
                Membership.objects.get_or_create(user=user, agency=agency, role=role)
                staff.setdefault(code, {})[role] = user
        return staff

    # -- the year ----------------------------------------------------------------------------

    def _workday(self, rng, start: dt.date, end: dt.date) -> dt.date:
        while True:
            day = start + dt.timedelta(days=rng.randrange(0, (end - start).days + 1))
            if self.calendar.is_workday(day):
                return day

    def _after(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_working_days(day, n)

    def _year(self, rng, agencies, staff, year: int, count: int) -> None:
        codes = [c for c in agencies if c != "DEMO"]
        weights = [HEAVY.get(c, 1.5 if c.startswith("DEMO-2") else 1) for c in codes]
        received = [
            self._workday(rng, dt.date(year, 1, 1), dt.date(year, 12, 31)) for _ in range(count)
        ]
        # About 4% received in the last weeks of the year before and answered in this one.
        received += [
            self._workday(rng, dt.date(year - 1, 12, 1), dt.date(year - 1, 12, 31))
            for _ in range(count // 25)
        ]
        for day in sorted(received):
            code = rng.choices(codes, weights)[0]
            self._case(rng, agencies[code], staff[code], day, year)

    def _data(self, rng, received: dt.date) -> dict:
        kind = rng.choices(list(APPLICANT_WEIGHTS), list(APPLICANT_WEIGHTS.values()))[0]
        applicant = self._applicant(rng)
        while applicant["applicant_type"] != kind:
            applicant = self._applicant(rng)
        channel = rng.choices(
            [Channel.IN_PERSON, Channel.POST_SIGNED, Channel.INTERNET, Channel.EMAIL],
            [25, 30, 40, 5],
        )[0]
        data = {
            **applicant,
            "contact_phone": f"13{rng.randrange(0, 10**9):09d}",
            "contact_address": "示范区人民路" + str(rng.randrange(1, 300)) + "号",
            "description": rng.choice(load_demo.TOPICS).format(
                year=received.year - rng.randrange(0, 3)
            ),
            "delivery_form": rng.choice(DeliveryForm.values),
            "channel": channel,
            "submitted_on": received,
        }
        # The receipt date (第三十一条) is the day signed or confirmed: a working day.
        if channel == Channel.POST_SIGNED:
            data.update(
                submitted_on=received - dt.timedelta(days=rng.randrange(1, 4)), signed_on=received
            )
        elif channel != Channel.IN_PERSON:
            data.update(
                submitted_on=received - dt.timedelta(days=rng.randrange(0, 2)),
                confirmed_on=received,
            )
        return data

    def _case(self, rng, agency, people, received: dt.date, year: int) -> None:
        registrar, handler, approver = (
            people[Role.REGISTRAR],
            people[Role.HANDLER],
            people[Role.APPROVER],
        )
        outcome = rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0]
        app = services.register(actor=registrar, agency=agency, data=self._data(rng, received))
        services.start_review(app, actor=handler)
        day = self._after(received, rng.randrange(1, 4))
        year_end = dt.date(year, 12, 31)

        # 补正 (第三十条): every lapse and unclear-after-correction case, and some others.
        if (
            outcome in ("other.no_correction", "unable.unclear_after_correction")
            or rng.random() < 0.06
        ):
            due = self._after(day, 10)
            services.request_correction(
                app,
                actor=handler,
                items="请写明所需信息的名称、文号或者其他特征性描述",
                due_on=due,
                on=day,
            )
            if outcome == "other.no_correction":
                lapse = self._after(due, 1)
                if lapse > year_end:
                    return  # still awaiting 补正 on 31 December: carried over
                services.lapse_correction(app, actor=handler, on=lapse)
                self._reply(rng, app, people, lapse, year_end)
                return
            day = self._after(day, rng.randrange(2, 8))
            if day > year_end:
                return
            services.receive_correction(app, actor=registrar, on=day)

        # 信息处理费 (第四十二条): the fee notice pauses the clock until payment.
        if outcome == "other.fee_not_paid" or (outcome == "granted" and rng.random() < 0.04):
            pay_by = self._after(day, 15)
            services.notify_fee(
                app,
                actor=handler,
                method=rng.choice(["PER_ITEM", "PER_VOLUME"]),
                quantity=rng.randrange(120, 400),
                on=day,
                pay_by=pay_by,
            )
            if outcome == "other.fee_not_paid":
                lapse = self._after(pay_by, 1)
                if lapse > year_end:
                    return
                services.lapse_fee(app, actor=handler, on=lapse)
                self._reply(rng, app, people, lapse, year_end)
                return
            day = self._after(day, rng.randrange(2, 10))
            services.record_fee_paid(app, actor=registrar, on=day)

        # Consultation of a third party or another agency (第三十二条, 第三十四条).
        if outcome in ("denied.third_party_rights", "partially_granted") or rng.random() < 0.05:
            third = outcome == "denied.third_party_rights" or rng.random() < 0.6
            party = (
                ("third_party", rng.choice(load_demo.COMPANIES))
                if third
                else ("other_agency", "示范区发展和改革委员会")
            )
            services.start_consultation(
                app, actor=handler, party_kind=party[0], party_name=party[1], sent_on=day
            )
            day = self._after(day, rng.randrange(5, 15))
            if day > year_end:
                return
            services.end_consultation(
                app,
                actor=handler,
                answered_on=day,
                opinion="不同意公开" if outcome == "denied.third_party_rights" else "同意公开",
            )

        # Extension (第三十三条第二款), consented by the head of the GIO body.
        # While the answer period runs (an extension after it is refused), at the latest on its last day.
        if rng.random() < 0.08:
            running = due_info(app, self.calendar, day).due_on
            asked = min(day, running) if running else day
            services.request_extension(
                app,
                actor=handler,
                days=rng.choice([10, 15, 20]),
                reason="申请公开的信息量较大，需要检索的档案较多",
                on=asked,
            )
            services.approve_extension(app, actor=approver, on=asked, notified_on=asked)

        # The reply falls on a working day before the statutory due date (holidays counted).
        app.refresh_from_db()
        due = due_info(app, self.calendar, day).due_on or self._after(day, 15)
        spare = self.calendar.working_days_between(day, due)
        decided = self._after(day, rng.randrange(1, max(2, spare)))
        if decided > due:
            decided = due
        if decided > year_end:
            return  # not answered by 31 December: 结转下年度
        kwargs = {}
        if outcome == "not_processed.duplicate":
            earlier = Application.objects.filter(
                agency=agency, state__in=[State.REPLIED, State.SERVED, State.ARCHIVED]
            ).first()
            if earlier is None:
                outcome = "unable.not_held"
            else:
                kwargs["duplicate_of"] = earlier
        if outcome == "other.fee_not_paid":
            outcome = "other.other"
        group = outcome.split(".")[0]
        services.decide(
            app, actor=handler, outcome=outcome, reason=REASONS.get(group, ""), on=decided, **kwargs
        )
        self._reply(rng, app, people, decided, year_end)

    def _reply(self, rng, app, people, day: dt.date, year_end: dt.date) -> None:
        registrar, handler, approver = (
            people[Role.REGISTRAR],
            people[Role.HANDLER],
            people[Role.APPROVER],
        )
        services.sign_reply(app, actor=approver, on=day)
        served = self._after(day, rng.randrange(0, 3))
        method = rng.choice(ServiceMethod.values)
        proof = f"EMS{rng.randrange(10**9, 10**10)}" if method == "post" else "签收回执"
        services.serve(app, actor=registrar, method=method, on=served, proof=proof)
        services.archive(app, actor=registrar, on=self._after(served, rng.randrange(1, 10)))
        # Review and litigation (表四): mostly against refusals, some concluded within the year.
        if app.outcome == "granted" or rng.random() > 0.05:
            return
        today = timezone.localdate()
        kind = rng.choices(["review", "litigation_direct"], [4, 1])[0]
        filed = day + dt.timedelta(days=rng.randrange(10, 60))
        if filed > today:
            return
        case = services.record_review_case(app, actor=handler, kind=kind, filed_on=filed)
        concluded = filed + dt.timedelta(days=rng.randrange(40, 150))
        if concluded > today or rng.random() < 0.2:
            return
        result = rng.choices(["upheld", "corrected", "other"], [7, 2, 1])[0]
        services.conclude_review_case(case, actor=approver, result=result, concluded_on=concluded)
        if kind == "review" and result == "upheld" and rng.random() < 0.3:
            sued = concluded + dt.timedelta(days=rng.randrange(5, 15))
            if sued <= today:
                services.record_review_case(
                    app, actor=handler, kind="litigation_after_review", filed_on=sued
                )

    # -- 表二: the register (全清单) and the yearly figures --------------------------------------

    def _register(self, rng, agencies, year: int) -> None:
        docs = []
        for code, agency in agencies.items():
            if agency.level not in (Level.GOVERNMENT, Level.DEPARTMENT):
                continue
            for i in range(rng.randrange(0, 6)):
                issued = self._workday(rng, dt.date(year - 6, 1, 1), dt.date(year, 12, 31))
                repealed = None
                if rng.random() < 0.15:
                    repealed = self._workday(
                        rng,
                        issued + dt.timedelta(days=30),
                        max(issued + dt.timedelta(days=31), dt.date(year, 12, 31)),
                    )
                # The register is the catalogue's: each document is a published catalogue item.
                docs.append(
                    Item(
                        agency=agency,
                        register_kind=DocumentKind.NORMATIVE,
                        art20_item="1",
                        title=f"{agency.name}关于规范管理工作的通知（{i + 1}）",
                        doc_number=f"示{code[-3:].strip('-')}规〔{issued.year}〕{i + 1}号",
                        formed_on=issued,
                        published_on=issued + dt.timedelta(days=rng.randrange(0, 5)),
                        validity="repealed" if repealed else "valid",
                        validity_on=repealed,
                        review="approved",
                        reviewed_at=timezone.now(),
                        review_note="演示数据",
                    )
                )
        bulk_add(docs, kind=CatalogueEvent.IMPORTED, note="演示数据")
        figures = []
        for code, agency in agencies.items():
            if agency.level == Level.GOVERNMENT:
                continue
            big = code in ("DEMO-03", "DEMO-04", "DEMO-05", "DEMO-121", "DEMO-302", "DEMO-303")
            figures.append(
                YearlyFigures(
                    agency=agency,
                    year=year,
                    licensing_decisions=rng.randrange(200, 3000) if big else rng.randrange(0, 120),
                    penalty_decisions=rng.randrange(100, 1500) if big else rng.randrange(0, 40),
                    coercion_decisions=rng.randrange(0, 60) if big else 0,
                    fee_amount=Decimal(str(round(rng.uniform(0, 300), 2))) if big else Decimal(0),
                )
            )
        YearlyFigures.objects.bulk_create(figures)

"""Fixtures for the application system: a small agency tree, one user per role, and a helper
that drives an application through the real services to any state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, Level, Membership, Role
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.identifiers import id_card_check_digit

RECEIVED = dt.date(2025, 3, 3)  # a Monday


def valid_id(first17: str = "11010519800101123") -> str:
    return first17 + id_card_check_digit(first17)


def person_data(**overrides) -> dict:
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_doc_type": "resident_id",
        "id_number": valid_id(),
        "contact_phone": "13800000000",
        "description": "2024年本区老旧小区改造项目的批复文件",
        "delivery_form": "paper",
        "channel": "in_person",
        "submitted_on": RECEIVED,
    }
    data.update(overrides)
    return data


class World:
    """The district (with two offices and a street) and a user per role at office A."""

    def __init__(self):
        User = get_user_model()
        self.district = Agency.objects.create(
            code="D01", name="示范区人民政府", level=Level.GOVERNMENT
        )
        self.office_a = Agency.objects.create(
            code="D01-01", name="示范区人民政府办公室", level=Level.DEPARTMENT, parent=self.district
        )
        self.office_b = Agency.objects.create(
            code="D01-02",
            name="示范区住房和城乡建设局",
            level=Level.DEPARTMENT,
            parent=self.district,
        )
        self.street = Agency.objects.create(
            code="D01-11", name="示范街道办事处", level=Level.STREET, parent=self.district
        )
        self.users = {}
        for role in Role.values:
            user = User.objects.create_user(f"a_{role}", password="pw")
            Membership.objects.create(user=user, agency=self.office_a, role=role)
            self.users[role] = user
        self.other_handler = User.objects.create_user("b_handler", password="pw")
        Membership.objects.create(user=self.other_handler, agency=self.office_b, role=Role.HANDLER)
        self.other_approver = User.objects.create_user("b_approver", password="pw")
        Membership.objects.create(
            user=self.other_approver, agency=self.office_b, role=Role.APPROVER
        )
        self.district_supervisor = User.objects.create_user("d_supervisor", password="pw")
        Membership.objects.create(
            user=self.district_supervisor, agency=self.district, role=Role.SUPERVISOR
        )

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)

    def application(self, state: State = State.REGISTERED, agency=None, **data):
        """An application registered at `agency` (office A) and driven to `state` by the services."""
        agency = agency or self.office_a
        staff = {
            self.office_a.pk: (self.registrar, self.handler, self.approver),
            self.office_b.pk: (self.other_handler, self.other_handler, self.other_approver),
        }
        registrar, handler, approver = staff[agency.pk]
        if state in (State.SUBMITTED, State.NOT_ACCEPTED, State.DISCARDED):
            app = services.submit_online(
                agency=agency, data=person_data(channel="internet", **data)
            )
            if state == State.NOT_ACCEPTED:
                services.decline_submission(
                    app,
                    actor=registrar,
                    reason="来信为投诉举报，不属于政府信息公开申请",
                    on=RECEIVED,
                )
            elif state == State.DISCARDED:
                services.discard_submission(app, actor=registrar, discard_reason="spam")
            return app
        app = services.register(actor=registrar, agency=agency, data=person_data(**data))
        if state == State.REGISTERED:
            return app
        services.start_review(app, actor=handler)
        if state == State.IN_REVIEW:
            return app
        if state == State.AWAITING_CORRECTION:
            services.request_correction(
                app,
                actor=handler,
                items="请写明文件名称",
                due_on=RECEIVED + dt.timedelta(days=20),
                on=RECEIVED + dt.timedelta(days=2),
            )
            return app
        if state == State.AWAITING_FEE:
            services.notify_fee(
                app,
                actor=handler,
                method="PER_VOLUME",
                quantity=300,
                on=RECEIVED + dt.timedelta(days=3),
                pay_by=RECEIVED + dt.timedelta(days=20),
            )
            return app
        if state == State.IN_CONSULTATION:
            services.start_consultation(
                app,
                actor=handler,
                party_kind="third_party",
                party_name="某建设公司",
                sent_on=RECEIVED + dt.timedelta(days=3),
            )
            return app
        services.decide(app, actor=handler, outcome="granted", on=RECEIVED + dt.timedelta(days=10))
        if state == State.DECIDED:
            return app
        services.sign_reply(app, actor=approver, on=RECEIVED + dt.timedelta(days=11))
        if state == State.REPLIED:
            return app
        services.serve(
            app,
            actor=registrar,
            method="post",
            on=RECEIVED + dt.timedelta(days=12),
            proof="EMS1234567890",
        )
        if state == State.SERVED:
            return app
        services.archive(app, actor=registrar, on=RECEIVED + dt.timedelta(days=20))
        assert state == State.ARCHIVED
        return app


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 at production strength dominates the run time of tests that create users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today(monkeypatch):
    """Set the day the system takes as today (services, views, letters): `today(date)`.

    The services refuse dates after today, so a test about late December 2026 runs on a day after it."""
    from django.utils import timezone

    real = timezone.localdate

    def set_today(day: dt.date) -> None:
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, timezone=None: day if value is None else real(value, timezone),
        )

    return set_today

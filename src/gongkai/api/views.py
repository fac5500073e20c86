"""The JSON API: plain Django views over the same services as the staff pages.

Scoping is the staff pages' (gongkai.agencies.access, built once per request for the caller):
another agency's application is a 404. Every change goes through gongkai.applications.services (via the staff forms, which parse
and validate the same fields) or gongkai.notices.services.
"""

from __future__ import annotations

import json
from functools import wraps

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from gongkai.agencies.access import build_access
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.models import Application
from gongkai.applications.staff_forms import ACTION_FORMS, RegistrationForm, registration_data
from gongkai.notices import services as notice_services
from gongkai.web.params import choice_param, int_param, page_param

from . import serializers
from .auth import authenticate
from .schema import schema

MAX_PAGE_SIZE = 100


def error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse(
        {"error": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def ok(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def api_view(methods: set[str]):
    def wrap(view):
        @csrf_exempt  # checked in authenticate() for session callers
        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.method not in methods:
                return error(405, "不支持的请求方法。")
            user, reason = authenticate(request)
            if user is None:
                return error(401 if "CSRF" not in reason else 403, reason)
            request.api_user = user
            request.api_access = build_access(user)
            try:
                return view(request, *args, **kwargs)
            except BadRequest as e:
                return error(400, str(e))

        inner.json_errors = True  # web.params.BoundedPathIntegers answers a bad id in JSON too
        return inner

    return wrap


def _body(request) -> dict | None:
    """The JSON object sent; None if it is not one. Field values are scalars: a nested object or
    list where a form field is expected is refused (BadRequest), not handed to the form."""
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    nested = sorted(k for k, v in data.items() if isinstance(v, dict | list))
    if nested:
        raise BadRequest(f"字段的值应为文本、数字、布尔值或 null：{', '.join(map(str, nested))}")
    return data


def _visible(request):
    return Application.objects.filter(agency_id__in=request.api_access.reads).select_related(
        "agency"
    )


def _app_or_404(request, pk: int):
    return _visible(request).filter(pk=pk).first()


def _transition_error(e: services.TransitionError) -> JsonResponse:
    if isinstance(e, services.WrongRole):
        return error(403, str(e))
    if isinstance(e, services.WrongState):
        return error(409, str(e))
    return error(400, str(e))


@api_view({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
def not_found(request, *args, **kwargs):
    """Any other path under /api/: a JSON 404 (401 before login), like every API error."""
    return error(404, "没有该接口。")


def schema_view(request):
    if request.method not in ("GET", "HEAD"):
        return error(405, "不支持的请求方法。")
    return ok(schema())


@api_view({"GET", "POST"})
def applications(request):
    user = request.api_user
    if request.method == "POST":
        data = _body(request)
        if data is None:
            return error(400, "请求体应为 JSON 对象。")
        form = RegistrationForm(data, access=request.api_access)
        if not form.fields["agency"].queryset.exists():
            return error(403, "无权登记申请。")
        if not form.is_valid():
            return error(400, "输入有误。", fields=form.errors.get_json_data())
        try:
            app = services.register(
                actor=user,
                agency=form.cleaned_data["agency"],
                data=registration_data(form.cleaned_data),
            )
        except services.TransitionError as e:
            return _transition_error(e)
        return ok(
            serializers.application_detail(app, True, services.allowed_transitions(app, user)),
            status=201,
        )
    access = request.api_access
    qs = _visible(request).order_by("-received_on", "-pk")
    state = choice_param(request, "state", State.values)
    if state:
        qs = qs.filter(state=state)
    agency = int_param(request, "agency")
    if agency is not None:
        qs = qs.filter(agency_id=agency)
    size = int_param(request, "page_size", high=MAX_PAGE_SIZE, default=50)
    page = Paginator(qs, size).get_page(page_param(request))
    results = [
        serializers.application_summary(app, access.sees_personal_data(app.agency_id))
        for app in page
    ]
    return ok(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": results,
        }
    )


@api_view({"GET"})
def application(request, pk: int):
    app = _app_or_404(request, pk)
    if app is None:
        return error(404, "没有该申请。")
    user = request.api_user
    full = request.api_access.sees_personal_data(app.agency_id)
    return ok(serializers.application_detail(app, full, services.allowed_transitions(app, user)))


@api_view({"POST"})
def transition(request, pk: int, action: str):
    app = _app_or_404(request, pk)
    if app is None:
        return error(404, "没有该申请。")
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        return error(404, f"没有该操作：{action}")
    user = request.api_user
    if not request.api_access.has_role(app.agency_id, services.RULES[action].roles):
        return error(403, "无权进行此操作。")
    data = _body(request)
    if data is None:
        return error(400, "请求体应为 JSON 对象。")
    form = form_class(data, application=app)
    if not form.is_valid():
        return error(400, "输入有误。", fields=form.errors.get_json_data())
    try:
        form.perform(user)
    except services.TransitionError as e:
        return _transition_error(e)
    app.refresh_from_db()
    full = request.api_access.sees_personal_data(app.agency_id)
    return ok(serializers.application_detail(app, full, services.allowed_transitions(app, user)))


@api_view({"GET"})
def events(request, pk: int):
    app = _app_or_404(request, pk)
    if app is None:
        return error(404, "没有该申请。")
    return ok([serializers.event(e) for e in app.events.select_related("actor")])


@api_view({"GET", "POST"})
def notices(request, pk: int):
    app = _app_or_404(request, pk)
    if app is None:
        return error(404, "没有该申请。")
    if request.method == "POST":
        if not request.api_access.can_handle(app.agency_id):
            return error(403, "无权生成告知书：需要本机关的登记、承办或审核签发角色。")
        data = _body(request)
        if data is None:
            return error(400, "请求体应为 JSON 对象。")
        try:
            notice = notice_services.issue(
                app, actor=request.api_user, kind=str(data.get("kind", ""))
            )
        except services.TransitionError as e:
            return _transition_error(e)
        return ok(serializers.notice(notice), status=201)
    return ok([serializers.notice(n) for n in app.notices.all()])

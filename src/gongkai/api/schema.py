"""The OpenAPI 3 description of /api, served at /api/schema and kept in docs/openapi.json.

Request bodies of registration and transitions are derived from the forms that validate them,
so the schema cannot drift from what the views accept.
"""

from __future__ import annotations

from django import forms

from gongkai.applications.choices import EventKind, State
from gongkai.applications.services import RULES
from gongkai.applications.staff_forms import ACTION_FORMS, RegistrationForm
from gongkai.notices.kinds import LetterKind


def _field(field: forms.Field) -> dict:
    if isinstance(field, forms.DateField):
        out = {"type": "string", "format": "date"}
    elif isinstance(field, forms.IntegerField):
        out = {"type": "integer"}
    elif isinstance(field, forms.ModelChoiceField):
        out = {"type": "integer", "description": "id"}
    elif isinstance(field, forms.ChoiceField):
        out = {"type": "string", "enum": [str(k) for k, _ in field.choices if k != ""]}
    else:
        out = {"type": "string"}
    out["title"] = str(field.label or "")
    return out


def _action_schema(name: str) -> dict:
    form_class = ACTION_FORMS[name]
    fields = dict(form_class.base_fields)
    props = {k: _field(f) for k, f in fields.items()}
    required = [k for k, f in fields.items() if f.required]
    out = {"type": "object", "properties": props, "title": RULES[name].label}
    if required:
        out["required"] = required
    return out


def _registration_schema() -> dict:
    props = {name: _field(f) for name, f in RegistrationForm.base_fields.items()}
    props["agency"] = {"type": "integer", "title": "受理机关", "description": "id"}
    model_fields = RegistrationForm._meta.model._meta
    required = ["agency"] + [
        n
        for n in RegistrationForm._meta.fields
        if n != "agency"
        and not model_fields.get_field(n).blank
        and not model_fields.get_field(n).null
    ]
    return {"type": "object", "properties": props, "required": required}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str = "成功") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json(_ref("Error"), "输入有误"),
    "401": _json(_ref("Error"), "未登录或令牌无效"),
    "403": _json(_ref("Error"), "无权进行此操作"),
    "404": _json(_ref("Error"), "没有该申请（或不在可见范围内）"),
}

ID = {"name": "pk", "in": "path", "required": True, "schema": {"type": "integer"}}


def schema() -> dict:
    date = {"type": ["string", "null"], "format": "date"}
    summary = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "number": {"type": "string"},
            "agency": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                },
            },
            "state": {"type": "string", "enum": list(State.values)},
            "state_label": {"type": "string"},
            "applicant_type": {"type": "string"},
            "applicant_name": {"type": "string"},
            "id_number": {
                "type": "string",
                "description": "masked unless the caller holds a case role at the agency",
            },
            "received_on": date,
            "outcome": {"type": ["string", "null"]},
        },
    }
    detail = {
        "allOf": [
            _ref("ApplicationSummary"),
            {
                "type": "object",
                "properties": {
                    "description": {"type": "string"},
                    "contact_phone": {
                        "type": "string",
                        "description": "masked unless the caller holds a case role at the agency",
                    },
                    "contact_email": {
                        "type": "string",
                        "description": "masked unless the caller holds a case role at the agency",
                    },
                    "contact_address": {
                        "type": "string",
                        "description": "masked unless the caller holds a case role at the agency",
                    },
                    "correction_requested_on": date,
                    "correction_due_on": date,
                    "correction_received_on": date,
                    "extension_days": {"type": "integer"},
                    "decided_on": date,
                    "replied_on": date,
                    "served_on": date,
                    "archived_on": date,
                    "allowed_transitions": {
                        "type": "array",
                        "items": {"type": "string", "enum": list(ACTION_FORMS)},
                    },
                },
            },
        ]
    }
    transitions = {
        f"/api/applications/{{pk}}/transitions/{name}": {
            "post": {
                "operationId": f"transition_{name}",
                "summary": RULES[name].label,
                "tags": ["transitions"],
                "parameters": [ID],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _action_schema(name)}},
                },
                "responses": {
                    "200": _json(_ref("ApplicationDetail")),
                    **ERRORS,
                    "409": _json(_ref("Error"), "当前状态不允许此操作"),
                },
            }
        }
        for name in ACTION_FORMS
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "gongkai 政府信息公开申请办理接口",
            "version": "1",
            "description": "Staff API. Authenticate with the staff session (POST needs the CSRF token) "
            "or with `Authorization: Bearer <token>` (manage.py api_token USER).",
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {"error": {"type": "string"}, "fields": {"type": "object"}},
                    "required": ["error"],
                },
                "ApplicationSummary": summary,
                "ApplicationDetail": detail,
                "Registration": _registration_schema(),
                "Event": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "kind": {"type": "string", "enum": list(EventKind.values)},
                        "kind_label": {"type": "string"},
                        "actor": {"type": ["string", "null"]},
                        "created_at": {"type": "string", "format": "date-time"},
                        "state_before": {"type": ["string", "null"]},
                        "state_after": {"type": "string"},
                        "payload": {"type": "object"},
                    },
                },
                "Notice": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "kind": {"type": "string", "enum": list(LetterKind.values)},
                        "title": {"type": "string"},
                        "number": {"type": "string", "description": "文号（草稿为空，签发时编号）"},
                        "version": {
                            "type": "integer",
                            "description": "版本：每次重新生成加一，旧版本保留",
                        },
                        "draft": {"type": "boolean", "description": "尚未签发的答复告知书草稿"},
                        "superseded": {"type": "boolean", "description": "已被新版本取代"},
                        "created_at": {"type": "string", "format": "date-time"},
                        "articles": {"type": "array", "items": {"type": "string"}},
                        "docx_url": {"type": "string"},
                        "pdf_url": {"type": "string"},
                    },
                },
            },
        },
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/api/schema": {
                "get": {
                    "operationId": "schema",
                    "security": [],
                    "summary": "本文档",
                    "responses": {"200": _json({"type": "object"})},
                }
            },
            "/api/applications": {
                "get": {
                    "operationId": "list_applications",
                    "summary": "申请列表（仅本人可见机关）",
                    "parameters": [
                        {
                            "name": "state",
                            "in": "query",
                            "schema": {"type": "string", "enum": list(State.values)},
                        },
                        {"name": "agency", "in": "query", "schema": {"type": "integer"}},
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1},
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                        },
                    ],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {
                                    "count": {"type": "integer"},
                                    "page": {"type": "integer"},
                                    "pages": {"type": "integer"},
                                    "results": {
                                        "type": "array",
                                        "items": _ref("ApplicationSummary"),
                                    },
                                },
                            }
                        ),
                        **ERRORS,
                    },
                },
                "post": {
                    "operationId": "register_application",
                    "summary": "登记申请",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("Registration")}},
                    },
                    "responses": {"201": _json(_ref("ApplicationDetail"), "已登记"), **ERRORS},
                },
            },
            "/api/applications/{pk}": {
                "get": {
                    "operationId": "get_application",
                    "summary": "申请详情",
                    "parameters": [ID],
                    "responses": {"200": _json(_ref("ApplicationDetail")), **ERRORS},
                },
            },
            "/api/applications/{pk}/events": {
                "get": {
                    "operationId": "list_events",
                    "summary": "办理记录",
                    "parameters": [ID],
                    "responses": {
                        "200": _json({"type": "array", "items": _ref("Event")}),
                        **ERRORS,
                    },
                },
            },
            "/api/applications/{pk}/notices": {
                "get": {
                    "operationId": "list_notices",
                    "summary": "告知书",
                    "parameters": [ID],
                    "responses": {
                        "200": _json({"type": "array", "items": _ref("Notice")}),
                        **ERRORS,
                    },
                },
                "post": {
                    "operationId": "issue_notice",
                    "summary": "生成告知书（同一类型只生成一次，再次请求返回已有的）",
                    "parameters": [ID],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["kind"],
                                    "properties": {
                                        "kind": {"type": "string", "enum": list(LetterKind.values)}
                                    },
                                }
                            }
                        },
                    },
                    "responses": {"201": _json(_ref("Notice"), "已生成"), **ERRORS},
                },
            },
            **transitions,
        },
    }

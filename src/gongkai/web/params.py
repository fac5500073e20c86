"""Query parameters read one way everywhere: a value that cannot be what the view expects is a
400 (django.core.exceptions.BadRequest, rendered by Django's 400 handler; the API answers it as
JSON), never a 500 from deep inside the database driver.

`?agency=10**30` overflows SQLite's integer and PostgreSQL's bigint, `?page=inf` overflows
Python's int(float()), `?year=abc` fails int(), a NUL character fails PostgreSQL's text type.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import BadRequest

# Database ids are 64-bit; anything longer is not an id (and would overflow the driver).
MAX_ID = 2**63 - 1
MAX_PAGE = 1_000_000
MAX_TEXT = 200


def _raw(request, name: str) -> str:
    value = request.GET.get(name, "")
    if "\x00" in value:
        raise BadRequest(f"参数 {name} 含有不允许的字符。")
    return value.strip()


def int_param(
    request, name: str, *, low: int = 1, high: int = MAX_ID, default: int | None = None
) -> int | None:
    """An integer in [low, high]; `default` when absent or empty."""
    value = _raw(request, name)
    if not value:
        return default
    if (
        not (value.isascii() and value.isdigit())
        or len(value) > 19
        or not low <= int(value) <= high
    ):
        raise BadRequest(f"参数 {name} 应为 {low} 至 {high} 之间的整数。")
    return int(value)


def choice_param(request, name: str, choices: Iterable[str], default: str = "") -> str:
    """One of `choices`, or `default` when absent or empty."""
    value = _raw(request, name)
    if not value:
        return default
    if value not in set(choices):
        raise BadRequest(f"参数 {name} 的值无效。")
    return value


def text_param(request, name: str, max_length: int = MAX_TEXT) -> str:
    """Free text (a search), bounded."""
    value = _raw(request, name)
    if len(value) > max_length:
        raise BadRequest(f"参数 {name} 最多 {max_length} 个字符。")
    return value


def page_param(request, name: str = "page") -> int | str:
    """The page number for Paginator.get_page (which takes `last` too)."""
    if _raw(request, name) == "last":
        return "last"
    return int_param(request, name, high=MAX_PAGE, default=1)


class BoundedPathIntegers:
    """Middleware: a path integer (<int:pk>) beyond a 64-bit id names nothing, so it is a 404
    before any query (SQLite cannot even bind it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.http import Http404, JsonResponse

        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
                if getattr(view_func, "json_errors", False):
                    return JsonResponse(
                        {"error": "没有该对象。"},
                        status=404,
                        json_dumps_params={"ensure_ascii": False},
                    )
                raise Http404
        return None

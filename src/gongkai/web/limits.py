"""Request bodies larger than the limit are refused with 413 before a byte of them is read.

Django would otherwise stream a large multipart upload into a temporary file before any form
sees it. The declared Content-Length decides (the WSGI server never hands the application more
than that); anonymous requests get REQUEST_MAX_BYTES, signed-in staff STAFF_REQUEST_MAX_BYTES
(register imports). nginx's client_max_body_size refuses the same earlier still.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse

log = logging.getLogger("gongkai.limits")


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        if length > settings.REQUEST_MAX_BYTES:
            # Looking at the session does not touch the body.
            staff = request.user.is_authenticated
            limit = settings.STAFF_REQUEST_MAX_BYTES if staff else settings.REQUEST_MAX_BYTES
            if length > limit:
                log.warning(
                    "request body too large",
                    extra={
                        "request": request,
                        "status_code": 413,
                        "content_length": length,
                        "limit": limit,
                    },
                )
                return HttpResponse(
                    f"请求内容过大（{length} 字节），上限为 {limit} 字节。",
                    status=413,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)

"""GET /healthz for the reverse proxy, the upgrade script and monitoring: 200 when this server can
run a query on the database within a second (connecting may take up to DATABASE_CONNECT_TIMEOUT),
else 503. Answered before host checks, the HTTPS
redirect and sessions (first middleware), so it costs one query and no session."""

from __future__ import annotations

import json
import logging
import time

from django.db import connection, transaction
from django.http import HttpResponse

PATH = "/healthz"
log = logging.getLogger("gongkai.health")


def database_ok() -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL statement_timeout = 1000")
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        log.exception("health check: database unreachable")
        return False


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        started = time.monotonic()
        ok = database_ok()
        body = {
            "status": "ok" if ok else "error",
            "database": "ok" if ok else "unreachable",
            "ms": round((time.monotonic() - started) * 1000, 1),
        }
        response = HttpResponse(
            json.dumps(body), status=200 if ok else 503, content_type="application/json"
        )
        response["Cache-Control"] = "no-store"
        return response

"""One page: upload or paste a report, read it, check it, show what was read and every finding.

Nothing is stored: the file is read from the request and dropped. The result says first whether
the report was read completely — a table that could not be read is named, and the verdict is
then "未能完整核对", never "未发现错误" (docs/rules.md, "Complete and partial reads").
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from gongkai.portal import ratelimit
from gongkai.report import Severity
from gongkai.report.audit import audit_bytes
from gongkai.web.uploads import limit_uploads, refusals, setting

from .forms import CheckForm
from .verdict import verdict


def _limited(request) -> bool:
    # Reading a large PDF costs a second of CPU: count every check an address asks for.
    return ratelimit.over_per_address(request, "check-ip", settings.REPORT_CHECK_LIMIT_PER_IP)


@limit_uploads(setting("REPORT_CHECK_MAX_BYTES"))
@require_http_methods(["GET", "POST"])
def check(request):
    wants_json = request.GET.get("format") == "json"
    if request.method != "POST":
        return render(request, "reportcheck/check.html", {"form": CheckForm()})
    if _limited(request):
        message = "核对次数过多，请稍后再试。"
        if wants_json:
            return JsonResponse({"error": message}, status=429)
        return render(
            request, "reportcheck/check.html", {"form": CheckForm(), "limited": message}, status=429
        )
    form = CheckForm(request.POST, request.FILES, refused=refusals(request))
    if not form.is_valid():
        if wants_json:
            return JsonResponse(
                {"error": "；".join(m for ms in form.errors.values() for m in ms)}, status=400
            )
        return render(request, "reportcheck/check.html", {"form": form}, status=400)
    data, name = form.payload()
    audit = audit_bytes(data, name)
    if wants_json:
        return JsonResponse(audit.to_dict(), json_dumps_params={"ensure_ascii": False})
    findings = [f for f in audit.findings if f.severity != Severity.INFO]
    context = {
        "form": CheckForm(),
        "audit": audit,
        "verdict": verdict(audit),
        "findings": findings,
        "infos": [f for f in audit.findings if f.severity == Severity.INFO],
    }
    return render(request, "reportcheck/check.html", context)

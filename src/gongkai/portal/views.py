"""The public portal: apply online, then follow the application with its tracking code.

Nothing here needs a login and nothing here shows staff data: the status page is built from a
fixed list of fields (public_status), never from the event log or staff notes.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.applications.choices import EventKind, State

from . import ratelimit, services, tracking
from .forms import ApplyForm, StatusForm


def home(request):
    return render(request, "portal/home.html")


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if ratelimit.count("submit-ip", ip, settings.PORTAL_RATE_WINDOW) > settings.PORTAL_SUBMIT_LIMIT_PER_IP:
            return render(request, "portal/limited.html", status=429)
        if form.is_valid():
            submission = services.submit(
                agency=form.cleaned_data["agency"], data=form.submission_data(), id_document=form.cleaned_data["id_document"]
            )
            # The code is shown once, on the next page; it is not in the URL (logs, history).
            request.session["portal_code"] = submission.tracking_code
            return redirect("portal:submitted")
    return render(request, "portal/apply.html", {"form": form}, status=400 if request.method == "POST" else 200)


def submitted(request):
    code = request.session.pop("portal_code", None)
    if code is None:
        return redirect("portal:status")
    return render(request, "portal/submitted.html", {"code": tracking.display(code)})


# What an applicant sees: the state's name and dates addressed to the applicant, nothing internal
# (no handler, no event log, no draft decision, no notes).
def public_status(submission) -> dict:
    app = submission.application
    status = {
        "code": tracking.display(submission.tracking_code),
        "agency": app.agency.name,
        "number": app.number,
        "submitted_at": submission.submitted_at,
        "state": app.get_state_display(),
        "received_on": app.received_on,
        "correction": None,
        "extension_days": app.extension_days or None,
        "fee": None,
        "replied_on": None,
        "outcome": None,
        "served_on": None,
    }
    if app.state == State.DECIDED:
        status["state"] = State.IN_REVIEW.label  # a draft reply is internal until signed
    if app.correction_requested_on:
        status["correction"] = {
            "items": app.correction_items,
            "due_on": app.correction_due_on,
            "received_on": app.correction_received_on,
        }
    if app.fee_notified_on:
        status["fee"] = {"amount": app.fee_amount, "pay_by": app.fee_pay_by, "paid_on": app.fee_paid_on}
    if app.state == State.NOT_ACCEPTED:
        # The reason staff wrote for the applicant (services.decline_submission), nothing else.
        event = app.events.filter(kind=EventKind.SUBMISSION_NOT_ACCEPTED).order_by("-pk").first()
        status["not_accepted_reason"] = event.payload.get("reason", "") if event else ""
    if app.replied_on and app.state in (State.REPLIED, State.SERVED, State.ARCHIVED):
        status.update(replied_on=app.replied_on, outcome=app.get_outcome_display(), served_on=app.served_on)
    return status


@require_http_methods(["GET", "POST"])
def status(request):
    form = StatusForm(request.POST or None)
    context = {"form": form}
    code = 200
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        typed = tracking.normalise(request.POST.get("code", ""))
        if (
            ratelimit.count("status-ip", ip, settings.PORTAL_RATE_WINDOW) > settings.PORTAL_STATUS_LIMIT_PER_IP
            or ratelimit.exceeded("status-code", typed, settings.PORTAL_STATUS_FAILURES_PER_CODE)
        ):
            context["limited"] = True
            code = 429
        elif form.is_valid():
            submission = services.find(form.cleaned_data["code"], form.cleaned_data["phone"])
            if submission is None:
                # Failures count against the code too, so a code cannot be probed from many addresses.
                ratelimit.count("status-code", typed, settings.PORTAL_RATE_WINDOW)
                context["not_found"] = True
                code = 404
            else:
                context["status"] = public_status(submission)
        else:
            code = 400
    template = "portal/status_result.html" if request.headers.get("HX-Request") else "portal/status.html"
    # htmx swaps only 2xx responses by default; the fragment carries its own message.
    if request.headers.get("HX-Request"):
        code = 200
    return render(request, template, context, status=code)

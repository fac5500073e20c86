"""The public portal: apply online, then follow the application with its tracking code and phone
number: status, the 补正 asked for, the receipt, and the reply and released files to download.

Nothing here needs a login and nothing here shows staff data: the status page is built from a
fixed list of fields (public_status), never from the event log or staff notes.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.applications.choices import DeliveryForm, EventKind, ServiceMethod, State
from gongkai.casefiles.services import released
from gongkai.notices import render_pdf
from gongkai.notices.services import current_reply
from gongkai.web.uploads import limit_uploads, refusals, serve, setting

from . import held, ratelimit, services, session, tracking
from .forms import ApplyForm, CorrectionForm, StatusForm
from .models import OnlineCorrection


def home(request):
    return render(request, "portal/home.html")


def _limited_submissions(request) -> bool:
    return ratelimit.over_per_address(request, "submit-ip", settings.PORTAL_SUBMIT_LIMIT_PER_IP)


@limit_uploads(setting("PORTAL_UPLOAD_MAX_BYTES"))
@require_http_methods(["GET", "POST"])
def apply(request):
    held.sweep()  # documents held for people who gave up
    kept = held.held(request)
    if request.method == "POST":
        if _limited_submissions(request):
            return render(request, "portal/limited.html", status=429)
        form = ApplyForm(request.POST, request.FILES, held=kept, refused=refusals(request))
        if form.is_valid():
            document = form.cleaned_data["id_document"] or held.take(kept)
            submission = services.submit(
                agency=form.cleaned_data["agency"],
                data=form.submission_data(),
                id_document=document,
            )
            held.release(request)
            # The code is shown once, on the next page; it is not in the URL (logs, history).
            request.session["portal_code"] = submission.tracking_code
            session.remember(request, submission)
            return redirect("portal:submitted")
        # Keep a document that passed its own checks, so the applicant need not choose it again.
        document = (
            form.cleaned_data.get("id_document") if "id_document" not in form.errors else None
        )
        if document:
            kept = held.hold(request, document)
            form.keep(kept)
    else:
        form = ApplyForm(held=kept)
    context = {
        "form": form,
        "held_fields": ["id_document"] if kept else [],
        "held_note": kept.note() if kept else "",
    }
    return render(
        request, "portal/apply.html", context, status=400 if request.method == "POST" else 200
    )


def submitted(request):
    code = request.session.pop("portal_code", None)
    if code is None:
        return redirect("portal:status")
    return render(
        request,
        "portal/submitted.html",
        {"code": tracking.display(code), "submission": session.verified(request)},
    )


def receipt(request):
    """申请回执: what was filed, when, with which number, printable."""
    submission = session.verified(request)
    if submission is None:
        return redirect("portal:status")
    return render(
        request,
        "portal/receipt.html",
        {
            "s": submission,
            "app": submission.application,
            "code": tracking.display(submission.tracking_code),
        },
    )


def online_delivery(app) -> bool:
    """The applicant asked for electronic data, or the agency serves through this platform."""
    return (
        app.delivery_form == DeliveryForm.ELECTRONIC or app.service_method == ServiceMethod.ONLINE
    )


def downloads(submission) -> dict | None:
    """The signed reply and the released files, when the reply is given online."""
    app = submission.application
    if app.state not in (State.REPLIED, State.SERVED, State.ARCHIVED) or not online_delivery(app):
        return None
    return {"reply": current_reply(app), "files": list(released(app))}


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
        online = OnlineCorrection.objects.filter(submission=submission).first()
        status["correction"] = {
            "items": app.correction_items,
            "due_on": app.correction_due_on,
            "received_on": app.correction_received_on,
            "sent_online_at": online.submitted_at if online else None,
            "can_send": services.correction_refusal(submission) is None,
        }
    if app.fee_notified_on:
        status["fee"] = {
            "amount": app.fee_amount,
            "pay_by": app.fee_pay_by,
            "paid_on": app.fee_paid_on,
        }
    if app.state == State.NOT_ACCEPTED:
        # The reason staff wrote for the applicant (services.decline_submission), nothing else.
        event = app.events.filter(kind=EventKind.SUBMISSION_NOT_ACCEPTED).order_by("-pk").first()
        status["not_accepted_reason"] = event.payload.get("reason", "") if event else ""
    if app.replied_on and app.state in (State.REPLIED, State.SERVED, State.ARCHIVED):
        status.update(
            replied_on=app.replied_on, outcome=app.get_outcome_display(), served_on=app.served_on
        )
    return status


def _look_up(request, form) -> tuple[object | None, str | None]:
    """The submission for code + phone (ratelimit.look_up). Used by the status page and the 补正
    form."""
    submission, problem = ratelimit.look_up(
        request, "status", form, lambda d: services.find(d["code"], d["phone"])
    )
    if submission is not None:
        session.remember(request, submission)
    return submission, problem


@require_http_methods(["GET", "POST"])
def status(request):
    form = StatusForm(request.POST or None)
    context = {"form": form}
    code = 200
    if request.method == "POST":
        submission, problem = _look_up(request, form)
        if submission is not None:
            context.update(status=public_status(submission), downloads=downloads(submission))
        else:
            context[problem] = True
            code = ratelimit.PROBLEM_STATUS[problem]
    template = (
        "portal/status_result.html" if request.headers.get("HX-Request") else "portal/status.html"
    )
    # htmx swaps only 2xx responses by default; the fragment carries its own message.
    if request.headers.get("HX-Request"):
        code = 200
    return render(request, template, context, status=code)


@limit_uploads(setting("PORTAL_UPLOAD_MAX_BYTES"), lambda: settings.PORTAL_CORRECTION_MAX_FILES)
@require_http_methods(["GET", "POST"])
def correction(request):
    """The applicant sends the 补正 with the tracking code and phone, as on the status page."""
    form = CorrectionForm(request.POST or None, request.FILES or None, refused=refusals(request))
    context = {"form": form}
    code = 200
    if request.method == "POST":
        submission, problem = _look_up(request, form)
        if submission is None:
            context[problem] = True
            code = ratelimit.PROBLEM_STATUS[problem]
        else:
            try:
                services.submit_correction(
                    submission, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
                )
            except services.CorrectionRefused as e:
                context["refused"] = str(e)
                code = 409
            else:
                return redirect("portal:correction_done")
    return render(request, "portal/correction.html", context, status=code)


def correction_done(request):
    submission = session.verified(request)
    correction = (
        OnlineCorrection.objects.filter(submission=submission).first() if submission else None
    )
    if correction is None:
        return redirect("portal:status")
    return render(
        request,
        "portal/correction_done.html",
        {
            "s": submission,
            "app": submission.application,
            "correction": correction,
            "files": submission.application.files.filter(uploaded_by=None),
        },
    )


def _verified_downloads(request):
    submission = session.verified(request)
    found = downloads(submission) if submission else None
    if found is None:
        raise Http404
    return submission, found


def reply_pdf(request):
    submission, found = _verified_downloads(request)
    notice = found["reply"]
    if notice is None:
        raise Http404
    try:
        body = render_pdf.render(notice.content)
    except render_pdf.PdfUnavailable as e:
        return HttpResponse(str(e), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(notice.filename('pdf'))}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def released_file(request, pk: int):
    _, found = _verified_downloads(request)
    case_file = next((f for f in found["files"] if f.pk == pk), None)
    if case_file is None:
        raise Http404
    return serve(
        case_file.file, filename=case_file.original_name, content_type=case_file.content_type
    )

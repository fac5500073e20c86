"""The public complaint form (《条例》第四十七条第二款: anyone may complain to the 主管部门 about a
unit's disclosure work) and the complainant's look-up of its answer. No login; submissions are
limited per address like the portal's apply form, look-ups like the portal's status page.

The look-up page is built from a fixed list of fields (public_status): the state, the office's
answer to the complainant and whether the unit has rectified; never the event log, the office's
notes to the unit, the unit's answers, or anything of another complaint.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.portal import ratelimit, tracking

from . import services
from .forms import ComplaintForm, ComplaintStatusForm
from .models import Addressee, AddresseeState, Complaint, ComplaintState


@require_http_methods(["GET", "POST"])
def new(request):
    if request.method == "POST":
        if ratelimit.over_per_address(request, "complaint-ip", settings.PORTAL_SUBMIT_LIMIT_PER_IP):
            return render(request, "rectifications/public_limited.html", status=429)
        form = ComplaintForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            complaint = services.receive_complaint(
                agency=d["agency"],
                name=d["name"],
                phone=d["phone"],
                email=d["email"],
                text=d["text"],
                application_number=d["application_number"],
            )
            # Shown once, on the next page; not in the URL (logs, history).
            request.session["complaint_number"] = complaint.pk
            return redirect("complaints:done")
        return render(request, "rectifications/public_new.html", {"form": form}, status=400)
    return render(request, "rectifications/public_new.html", {"form": ComplaintForm()})


def done(request):
    number = request.session.pop("complaint_number", None)
    complaint = Complaint.objects.filter(pk=number).first() if number is not None else None
    if complaint is None:
        return redirect("complaints:new")
    return render(
        request,
        "rectifications/public_done.html",
        {
            "number": complaint.pk,
            "code": tracking.display(complaint.tracking_code),
            "contact": "联系电话" if complaint.phone else "电子邮箱",
        },
    )


def public_status(complaint: Complaint) -> dict:
    status = {
        "code": tracking.display(complaint.tracking_code),
        "number": complaint.pk,
        "agency": complaint.agency.name,
        "submitted_at": complaint.submitted_at,
        "state": complaint.get_state_display(),
        "handled_on": None,
        "reply": "",
        "rectification": None,
    }
    if complaint.state == ComplaintState.RECEIVED:
        return status
    status.update(handled_on=complaint.handled_on, reply=complaint.reply)
    if complaint.state == ComplaintState.FORWARDED:
        addressee = (
            Addressee.objects.filter(notice__complaint=complaint, agency_id=complaint.agency_id)
            .order_by("-pk")
            .first()
        )
        if addressee is not None:
            done = addressee.state == AddresseeState.ACCEPTED
            status["rectification"] = {
                "done": done,
                "deadline": addressee.deadline,
                "accepted_on": addressee.accepted_on,
            }
    return status


@require_http_methods(["GET", "POST"])
def status(request):
    form = ComplaintStatusForm(request.POST or None)
    context = {"form": form}
    code = 200
    if request.method == "POST":
        complaint, problem = ratelimit.look_up(
            request,
            "complaint-status",
            form,
            lambda d: services.find_complaint(d["code"], d["contact"]),
        )
        if complaint is not None:
            context["status"] = public_status(complaint)
        else:
            context[problem] = True
            code = ratelimit.PROBLEM_STATUS[problem]
    return render(request, "rectifications/public_status.html", context, status=code)

"""The public complaint form (《条例》第四十七条第二款: anyone may complain to the 主管部门 about a
unit's disclosure work). No login; limited per address like the portal's apply form."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.portal import ratelimit

from . import services
from .forms import ComplaintForm


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
            request.session["complaint_number"] = complaint.pk
            return redirect("complaints:done")
        return render(request, "rectifications/public_new.html", {"form": form}, status=400)
    return render(request, "rectifications/public_new.html", {"form": ComplaintForm()})


def done(request):
    number = request.session.pop("complaint_number", None)
    if number is None:
        return redirect("complaints:new")
    return render(request, "rectifications/public_done.html", {"number": number})

"""The user guides, one per role, served by the system (open to everyone: they describe how the
system works and hold no case data)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from .guides import GUIDES


def index(request):
    return render(request, "guide/index.html", {"guides": GUIDES.values()})


def page(request, role: str):
    guide = GUIDES.get(role)
    if guide is None:
        raise Http404
    base = "portal/base.html" if guide.public else "base.html"
    return render(
        request,
        f"guide/{guide.key}.html",
        {"guide": guide, "guides": GUIDES.values(), "base": base},
    )

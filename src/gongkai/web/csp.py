"""Content-Security-Policy on every response (CONTENT_SECURITY_POLICY; empty turns it off).

The default allows only the site's own scripts, styles and forms: the templates carry no inline
script, style element or style attribute, and htmx is told not to inject its indicator style
(meta htmx-config in the base templates)."""

from __future__ import annotations

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = " ".join((settings.CONTENT_SECURITY_POLICY or "").split())

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response

"""The real client address behind a reverse proxy.

Only a request that comes from an address in TRUSTED_PROXIES has its X-Forwarded-For and
X-Forwarded-Proto believed: REMOTE_ADDR becomes the nearest address in X-Forwarded-For that is
not itself a trusted proxy (read from the right, since a client can put anything on the left),
and the scheme becomes https when the proxy says so. From anyone else both headers are ignored,
so rate limits, logs and Django's own checks all see an address an attacker cannot choose.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _networks(entries) -> list:
    return [ipaddress.ip_network(e, strict=False) for e in entries]


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in networks)


def real_client(remote_addr: str, forwarded_for: str, networks) -> str:
    if not _trusted(remote_addr, networks):
        return remote_addr
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote_addr  # garbage in the header: keep the proxy's own address
    return hops[0] if hops else remote_addr


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = _networks(settings.TRUSTED_PROXIES)

    def __call__(self, request):
        meta = request.META
        remote = meta.get("REMOTE_ADDR", "")
        if self.networks and _trusted(remote, self.networks):
            meta["gongkai.proxy_addr"] = remote
            meta["REMOTE_ADDR"] = real_client(
                remote, meta.get("HTTP_X_FORWARDED_FOR", ""), self.networks
            )
            if meta.get("HTTP_X_FORWARDED_PROTO", "").strip().lower() == "https":
                meta["wsgi.url_scheme"] = "https"
        return self.get_response(request)

"""The files in deploy/ as an administrator installs them: systemd-analyze verifies the units, and
Debian's nginx checks the site (nginx -t) and then really runs it in front of a gunicorn server:
TLS, static files from STATIC_ROOT, the upload folder never served, bodies over
client_max_body_size refused, and the client's real address reaching the rate limits while a
forged X-Forwarded-For does not."""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .realserver import ROOT, RealServer, free_port

DEPLOY = ROOT / "deploy"
HOST = "gongkai.example.gov.cn"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _need(tool: str) -> None:
    if not Path(tool).exists() and not shutil.which(tool):
        pytest.skip(f"{tool} not installed (bin/setup installs it from deploy/debian-packages.txt)")


def test_systemd_accepts_every_unit(tmp_path):
    _need("systemd-analyze")
    units = []
    for source in sorted((DEPLOY / "systemd").iterdir()):
        text = source.read_text(encoding="utf-8").replace("/opt/gongkai", str(ROOT))
        # The gongkai user exists on the server only.
        text = text.replace("User=gongkai", "User=root").replace("Group=gongkai", "Group=root")
        name = source.name.replace(
            "@.",
            {"gongkai@.service": "@8001.", "gongkai-worker@.service": "@1."}.get(
                source.name, "@backup."
            ),
        )
        (tmp_path / name).write_text(text, encoding="utf-8")
        units.append(str(tmp_path / name))
    # Each timer's Unit= must be one of our units.
    for timer in (DEPLOY / "systemd").glob("*.timer"):
        target = next(
            line.split("=", 1)[1]
            for line in timer.read_text().splitlines()
            if line.startswith("Unit=")
        )
        assert target.startswith("gongkai-manage@"), timer
        if not (tmp_path / target).exists():
            shutil.copy(tmp_path / "gongkai-manage@backup.service", tmp_path / target)
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "Unknown" not in done.stderr, done.stderr


def _site(
    tmp_path: Path, upstream_port: int, http_port: int, https_port: int, static_root: Path
) -> Path:
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            str(tmp_path / "privkey.pem"),
            "-out",
            str(tmp_path / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = (DEPLOY / "nginx" / "gongkai.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/gongkai/tls/", f"{tmp_path}/").replace(
        "/var/lib/gongkai/static/", f"{static_root}/"
    )
    site = site.replace("server 127.0.0.1:8001", f"server 127.0.0.1:{upstream_port}").replace(
        "    server 127.0.0.1:8002 max_fails=1 fail_timeout=5s;\n", ""
    )
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};").replace(
        "listen [::]:80;\n", ""
    )
    site = site.replace(
        "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"
    ).replace("listen [::]:443 ssl http2;\n", "")
    site = site.replace(
        "return 301 https://$host$request_uri;",
        f"return 301 https://$host:{https_port}$request_uri;",
    )
    (tmp_path / "gongkai.conf").write_text(site, encoding="utf-8")
    conf = tmp_path / "nginx.conf"
    # As root, nginx's workers would run as nobody, who cannot enter pytest's private tmp folder.
    user = "user root root;" if os.geteuid() == 0 else ""
    conf.write_text(
        f"""
{user}
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp_path}/access.log;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/gongkai.conf;
}}
""",
        encoding="utf-8",
    )
    return conf


def _https(
    port: int,
    path: str,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict | None = None,
):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(
        f"https://127.0.0.1:{port}{path}",
        data=body,
        method=method,
        headers={"Host": HOST, **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, context=context, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def test_nginx_accepts_the_site_and_serves_gongkai_behind_it(tmp_path):
    _need(NGINX)
    _need("openssl")
    static_root = tmp_path / "static"
    server = RealServer(
        tmp_path / "app",
        "sqlite",
        workers=1,
        threads=4,
        extra_env={
            "TRUSTED_PROXIES": "127.0.0.1",
            "ALLOWED_HOSTS": HOST,
            "STATIC_ROOT": str(static_root),
            "SECURE_SSL_REDIRECT": "true",
            "SECURE_HSTS_SECONDS": "3600",
            "SESSION_COOKIE_SECURE": "true",
            "CSRF_COOKIE_SECURE": "true",
        },
    )
    http_port, https_port = free_port(), free_port()
    conf = _site(tmp_path, server.port, http_port, https_port, static_root)
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr
    server.create()
    server.manage("collectstatic", "--noinput", "-v0")
    (tmp_path / "app" / "private" / "id-documents").mkdir(parents=True)
    (tmp_path / "app" / "private" / "id-documents" / "secret.png").write_bytes(b"\x89PNG")
    nginx = None
    try:
        server.start()
        nginx = subprocess.Popen(
            [NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(50):
            try:
                status, body, headers = _https(https_port, "/portal/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        # Through nginx over TLS: no redirect loop, HSTS and CSP from the application.
        assert status == 200 and "max-age=" in headers["Strict-Transport-Security"]
        assert headers["Content-Security-Policy"].startswith("default-src 'self'")
        # Plain HTTP is sent to HTTPS by nginx.
        plain = urllib.request.Request(
            f"http://127.0.0.1:{http_port}/portal/", headers={"Host": HOST}
        )
        with pytest.raises(urllib.error.HTTPError) as redirect:
            urllib.request.build_opener(_NoRedirect).open(plain, timeout=10)
        assert redirect.value.code == 301 and redirect.value.headers["Location"].startswith(
            "https://"
        )
        # Static files come from STATIC_ROOT; the upload folder is not reachable.
        status, body, _ = _https(https_port, "/static/gongkai/style.css")
        assert status == 200 and b"header" in body
        for path in (
            "/private/id-documents/secret.png",
            "/static/../private/id-documents/secret.png",
            "/id-documents/secret.png",
        ):
            assert _https(https_port, path)[0] == 404, path
        # The real client address: a forged X-Forwarded-For is replaced by nginx's $remote_addr,
        # as the structured log line of the refused request (no CSRF token: 403) shows.
        status, _, _ = _https(
            https_port,
            "/portal/status/",
            "POST",
            b"code=X&phone=1",
            {
                "X-Forwarded-For": "203.0.113.99",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        assert status == 403
        logged = [
            json.loads(line)
            for line in server.log_path.read_text().splitlines()
            if line.startswith("{")
        ]
        refused = [
            e for e in logged if e.get("path") == "/portal/status/" and e.get("status_code") == 403
        ]
        assert (
            refused and refused[-1]["client"] == "127.0.0.1" and refused[-1]["method"] == "POST"
        ), logged[-3:]
        # The health check answers through nginx from this machine.
        status, body, _ = _https(https_port, "/healthz")
        assert status == 200 and json.loads(body)["database"] == "ok"
        # A body over client_max_body_size is refused by nginx before it reaches gunicorn.
        status, _, _ = _https(
            https_port,
            "/portal/apply/",
            "POST",
            b"x" * (101 * 1024 * 1024),
            {"Content-Type": "application/octet-stream"},
        )
        assert status == 413
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait(timeout=20)
        server.stop()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

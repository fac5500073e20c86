"""Hardened settings, seen from outside: strict environment values, secrets from files, the
start refused without a real key, `check --deploy` clean with the production template, the
health check, the real client address behind a trusted proxy, CSP, login throttling."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from gongkai.web import proxy
from gongkai.web import settings as web_settings

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / "deploy" / "gongkai.env.example"


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_an_unknown_boolean_naming_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        web_settings.envbool("SOME_FLAG", "False")
    for text, value in (("TRUE", True), ("off", False), ("1", True), ("no", False), ("", False)):
        monkeypatch.setenv("SOME_FLAG", text)
        assert web_settings.envbool("SOME_FLAG", "False") is value


def test_it_refuses_a_number_that_is_not_one(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "25a")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        web_settings.envint("SOME_NUMBER", "1")


def test_it_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    (tmp_path / "key").write_text("s3cret value\n", encoding="utf-8")
    monkeypatch.delenv("SOME_SECRET", raising=False)
    monkeypatch.setenv("SOME_SECRET_FILE", str(tmp_path / "key"))
    assert web_settings.env("SOME_SECRET") == "s3cret value"
    monkeypatch.setenv("SOME_SECRET", "also")
    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET and SOME_SECRET_FILE"):
        web_settings.env("SOME_SECRET")
    monkeypatch.delenv("SOME_SECRET")
    monkeypatch.setenv("SOME_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET_FILE"):
        web_settings.env("SOME_SECRET")


def test_check_names_the_secret_key_when_debug_is_off_and_none_is_set(tmp_path):
    done = _manage({"DEBUG": "false", "GONGKAI_DATA_DIR": str(tmp_path)}, "check")
    assert done.returncode != 0
    assert "gongkai.E001" in done.stderr and "SECRET_KEY" in done.stderr
    # The same setting with a key: no error.
    done = _manage(
        {
            "DEBUG": "false",
            "GONGKAI_DATA_DIR": str(tmp_path),
            "SECRET_KEY": secrets.token_urlsafe(50),
        },
        "check",
    )
    assert done.returncode == 0, done.stderr


def test_the_wsgi_application_refuses_to_start_without_a_secret_key(tmp_path):
    code = "import gongkai.web.wsgi"
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "GONGKAI_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and "SECRET_KEY" in done.stderr


def env_example(tmp_path) -> dict:
    """deploy/gongkai.env.example as systemd reads it, with a real secret and local paths."""
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            value = value.strip()
            if len(value) > 1 and value[0] == value[-1] == '"':
                value = value[1:-1]
            values[name.strip()] = value
    values.pop("SECRET_KEY_FILE", None)
    values["SECRET_KEY"] = secrets.token_urlsafe(50)
    for name in ("GONGKAI_DATA_DIR", "STATIC_ROOT", "PORTAL_UPLOAD_DIR", "BACKUP_DIR"):
        if name in values:
            values[name] = str(tmp_path / name.lower())
    return values


def test_check_deploy_is_clean_with_the_production_template(tmp_path):
    values = env_example(tmp_path)
    assert values["DEBUG"].lower() == "false" and values["DATABASE_URL"].startswith("postgres:")
    assert values["CONTENT_SECURITY_POLICY"].startswith("default-src 'self';")
    done = _manage(values, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_the_template_sets_every_documented_setting():
    documented = set(
        re.findall(
            r"^\| `([A-Z_][A-Z0-9_]*)` \|",
            (ROOT / "docs/settings.md").read_text(encoding="utf-8"),
            re.M,
        )
    )
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    mentioned = set(re.findall(r"^#?\s*([A-Z_][A-Z0-9_]*?)(?:_FILE)?=", text, re.M)) | {
        "SECRET_KEY"
    }
    assert "SECRET_KEY=" not in text  # never a key in the environment file
    assert documented - mentioned == set()


@pytest.mark.django_db
def test_the_health_check_answers_before_host_checks_and_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.9.9.9:8001")
    assert response.status_code == 200
    assert json.loads(response.content)["database"] == "ok"
    assert client.get("/portal/").status_code == 301  # everything else is redirected to HTTPS


def test_the_health_check_says_503_when_the_database_is_down(monkeypatch):
    from gongkai.web import health

    def broken(*args, **kwargs):
        raise RuntimeError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken)
    response = health.HealthCheckMiddleware(lambda r: None)(RequestFactory().get("/healthz"))
    assert response.status_code == 503 and json.loads(response.content)["database"] == "unreachable"


def _seen(settings, remote: str, forwarded: str | None, proto: str | None = None):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    if proto:
        extra["HTTP_X_FORWARDED_PROTO"] = proto
    request = RequestFactory().get("/", **extra)
    proxy.TrustedProxyMiddleware(lambda r: r)(request)
    return request.META["REMOTE_ADDR"], request.is_secure()


def test_it_takes_the_client_address_only_from_a_trusted_proxy(settings):
    # Through nginx on the same machine: the address nginx saw.
    assert _seen(settings, "127.0.0.1", "203.0.113.7", "https") == ("203.0.113.7", True)
    # A client that forges the header itself, through the proxy: the proxy appended the real one.
    assert _seen(settings, "127.0.0.1", "1.2.3.4, 203.0.113.7") == ("203.0.113.7", False)
    # Two trusted proxies in a row.
    assert _seen(settings, "10.0.0.5", "203.0.113.7, 127.0.0.1") == ("203.0.113.7", False)
    # Straight to the application server, not from a proxy: headers ignored.
    assert _seen(settings, "198.51.100.9", "1.2.3.4", "https") == ("198.51.100.9", False)
    # Garbage from the proxy's side: keep the proxy's address rather than trust it.
    assert _seen(settings, "127.0.0.1", "not-an-ip") == ("127.0.0.1", False)


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy(client):
    response = client.get("/portal/")
    assert response["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'")
    assert b"<style" not in response.content and b" style=" not in response.content


def _log_in(client, username, password, address="10.1.1.1", url="/login/"):
    response = client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code, response.content.decode()


@pytest.mark.django_db
def test_it_stops_log_ins_after_too_many_failures_per_account(client, settings, django_user_model):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    django_user_model.objects.create_user("clerk", password="right-password-1")
    django_user_model.objects.create_user("other", password="right-password-2")
    for i in range(3):
        assert "用户名或密码不正确" in _log_in(client, "clerk", "wrong", f"10.1.1.{i}")[1]
    # Now even the right password is refused, from any address, until the window ends.
    status, page = _log_in(client, "clerk", "right-password-1", "10.1.1.9")
    assert status == 200 and "登录失败次数过多" in page and "_auth_user_id" not in client.session
    # Another account still logs in.
    assert _log_in(client, "other", "right-password-2", "10.1.1.9")[0] == 302


@pytest.mark.django_db
def test_it_stops_log_ins_after_too_many_failures_per_address(client, settings, django_user_model):
    settings.LOGIN_FAILURES_PER_IP = 4
    django_user_model.objects.create_user("clerk", password="right-password-1")
    for i in range(4):
        _log_in(client, f"guess{i}", "x", "192.0.2.1")
    assert "登录失败次数过多" in _log_in(client, "clerk", "right-password-1", "192.0.2.1")[1]
    assert _log_in(client, "clerk", "right-password-1", "192.0.2.2")[0] == 302


@pytest.mark.django_db
def test_the_admin_login_is_throttled_too(client, settings, django_user_model):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    django_user_model.objects.create_superuser("root", password="right-password-1")
    for _ in range(2):
        _log_in(client, "root", "wrong", url="/admin/login/")
    assert "登录失败次数过多" in _log_in(client, "root", "right-password-1", url="/admin/login/")[1]


def test_passwords_are_validated():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("demo1234", "12345678901", "password123"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("政府信息公开-Tk9-zq")

"""A real server process for concurrency tests and the load benchmark: gunicorn serving
gongkai.web.wsgi on 127.0.0.1 over its own database (a fresh SQLite file, or a fresh database on
the PostgreSQL server of DATABASE_URL), plus a tiny HTTP client (urllib, cookies, CSRF).

Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_admin_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


class RealServer:
    def __init__(
        self,
        workdir: Path,
        backend: str,
        workers: int = 3,
        threads: int = 4,
        extra_env: dict | None = None,
        same_data_as: RealServer | None = None,
        kept_env: dict | None = None,
    ):
        """A server over a fresh database; or, with same_data_as, a second server (another
        port, its own log) over the first one's database and upload folder, as behind a proxy;
        or, with kept_env (SQLITE_PATH or DATABASE_URL), over a database that outlives it
        (a benchmark's: migrated by create(), never dropped)."""
        self.workdir = Path(workdir)
        self.backend = backend
        self.workers, self.threads = workers, threads
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.dbname = None
        self.log_path = self.workdir / f"gunicorn-{self.port}.log"
        self.worker = None
        if same_data_as is not None:
            self.env = {**same_data_as.env, **(extra_env or {})}
            self.process = None
            return
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
            "GONGKAI_DATA_DIR": str(self.workdir),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "PORTAL_UPLOAD_DIR": str(self.workdir / "private"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEBUG": "False",
            **(extra_env or {}),
        }
        if kept_env is not None:
            self.env.pop("DATABASE_URL", None)
            self.env.pop("SQLITE_PATH", None)
            self.env.update(
                {k: kept_env[k] for k in ("SQLITE_PATH", "DATABASE_URL") if k in kept_env}
            )
        elif backend == "sqlite":
            self.env.pop("DATABASE_URL", None)
            self.env["SQLITE_PATH"] = str(self.workdir / "db.sqlite3")
        else:
            admin = postgres_admin_url()
            if admin is None:
                raise RuntimeError("PostgreSQL needs DATABASE_URL")
            self.dbname = "gongkai_rs_" + secrets.token_hex(4)
            parts = urllib.parse.urlparse(admin)
            self.admin_url = admin
            self.env["DATABASE_URL"] = parts._replace(path="/" + self.dbname).geturl()
        self.process = None

    # -- database --------------------------------------------------------------------------
    def _admin_sql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def create(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.dbname:
            self._admin_sql(f'CREATE DATABASE "{self.dbname}"')
        self.manage("migrate", "--noinput", "-v0")

    def drop(self) -> None:
        if self.dbname:
            self._admin_sql(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    def python(self, code: str, timeout: float = 600) -> str:
        """Run `code` with Django set up against this server's database; returns its stdout."""
        prelude = "import django\ndjango.setup()\n"
        done = subprocess.run(
            [PYTHON, "-c", prelude + code],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode:
            raise RuntimeError(f"script failed:\n{done.stderr}")
        return done.stdout

    # -- server ----------------------------------------------------------------------------
    def start(self) -> None:
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "gongkai.web.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--worker-class",
                "gthread" if self.threads > 1 else "sync",
                "--timeout",
                "120",
                "--backlog",
                "512",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2).read()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                if self.process.poll() is not None:
                    raise RuntimeError(self.log_path.read_text()) from None
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log_path.read_text()[-2000:]}")

    def crash(self) -> None:
        """kill -9 the server: its master and every worker process at once, as a dying machine."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def start_worker(self, worker_id: str = "test-worker") -> subprocess.Popen:
        """The background worker (manage.py worker) over this server's database."""
        log = open(self.workdir / f"worker-{worker_id}.log", "a")
        self.worker = subprocess.Popen(
            [
                PYTHON,
                str(ROOT / "manage.py"),
                "worker",
                "--worker-id",
                worker_id,
                "--interval",
                "0.2",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self.worker

    def stop(self) -> None:
        for process in (self.process, self.worker):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def __enter__(self):
        self.create()
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        self.drop()


class Browser:
    """One visitor: a cookie jar, the CSRF token, form and JSON requests."""

    def __init__(self, base: str, headers: dict | None = None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )
        self.headers = headers or {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ):
        req = urllib.request.Request(
            self.base + path, data=body, method=method, headers={**self.headers, **(headers or {})}
        )
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status, resp.read(), dict(resp.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read(), dict(e.headers)

    def get(self, path: str):
        return self.request("GET", path)

    def csrf(self, path: str) -> str:
        status, body, _ = self.get(path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if not found:
            raise RuntimeError(f"no CSRF token on {path} ({status})")
        return found.group(1).decode()

    def post_form(
        self, path: str, fields: dict, files: dict | None = None, referer: str | None = None
    ):
        boundary = "----gongkai" + secrets.token_hex(8)
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content, ctype) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {ctype}\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": referer or self.base + path,
        }
        return self.request("POST", path, b"".join(parts), headers)

    def post_json(self, path: str, data: dict):
        return self.request(
            "POST", path, json.dumps(data).encode(), {"Content-Type": "application/json"}
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

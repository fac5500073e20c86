"""Backups: the database and the upload store, in one folder per backup, with retention.

A backup is BACKUP_DIR/gongkai-YYYYMMDD-HHMMSS-ffffff/ (UTC) holding
- database.pgdump (pg_dump's custom format) or database.sqlite3 (SQLite's online backup API: a
  consistent copy while the servers keep running),
- uploads.tar: every file of the "private" storage, read through the storage API (a folder or an
  S3 bucket alike),
- manifest.json: when, which database, each file's size and SHA-256 (checked before a restore).
It is written under a ".partial" name and renamed when complete, so a crash never leaves a
backup that looks whole. Only the newest BACKUP_KEEP complete backups are kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connections

from .storage import walk

PREFIX = "gongkai-"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _pg_env_args(db: dict) -> tuple[dict, list[str]]:
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = ["-d", db["NAME"]]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _run(cmd: list[str], env: dict) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{cmd[0]} failed ({done.returncode}): {done.stderr.strip()}")


def _dump_database(folder: Path, alias: str = "default") -> str:
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        env, args = _pg_env_args(db)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "-f",
                str(folder / "database.pgdump"),
                *args,
            ],
            env,
        )
        return "database.pgdump"
    if connection.vendor == "sqlite":
        source = sqlite3.connect(db["NAME"])
        target = sqlite3.connect(folder / "database.sqlite3")
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return "database.sqlite3"
    raise BackupError(f"no backup method for {connection.vendor}")


def _dump_uploads(folder: Path) -> int:
    storage = storages["private"]
    count = 0
    with tarfile.open(folder / "uploads.tar", "w") as tar:
        try:
            names = list(walk(storage))
        except FileNotFoundError:  # a folder store nothing was uploaded to yet
            names = []
        for name in names:
            with storage.open(name, "rb") as f:
                data = f.read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
            count += 1
    return count


def backup(directory: str | None = None, keep: int | None = None) -> Path:
    root = Path(directory or settings.BACKUP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
    final = root / f"{PREFIX}{stamp}"
    partial = root / f".{PREFIX}{stamp}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    database = _dump_database(partial)
    uploads = _dump_uploads(partial)
    manifest = {
        "format": 1,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "database": {"vendor": connections["default"].vendor, "file": database},
        "uploads": {"file": "uploads.tar", "count": uploads},
        "files": {
            name: {"bytes": (partial / name).stat().st_size, "sha256": _sha256(partial / name)}
            for name in (database, "uploads.tar")
        },
    }
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    if final.exists():
        raise BackupError(f"{final} exists already")
    partial.rename(final)
    prune(root, settings.BACKUP_KEEP if keep is None else keep)
    return final


def prune(root: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` complete backups (names sort by time)."""
    backups = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(PREFIX))
    old = backups[:-keep] if keep > 0 else []
    for path in old:
        shutil.rmtree(path)
    return old


def verify(folder: Path) -> dict:
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError(f"{folder}: no manifest.json (not a complete backup)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{path}: missing or does not match its checksum in manifest.json")
    return manifest


def restore(folder: str | Path, alias: str = "default") -> dict:
    """Put the database and the uploads back as they were. Stop the servers and the worker first."""
    folder = Path(folder)
    manifest = verify(folder)
    connection = connections[alias]
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            f"backup of {manifest['database']['vendor']} cannot be restored into {connection.vendor}"
        )
    db = connection.settings_dict
    connection.close()
    if connection.vendor == "postgresql":
        env, args = _pg_env_args(db)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(folder / manifest["database"]["file"]),
            ],
            env,
        )
    else:
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(folder / manifest["database"]["file"])
        target = sqlite3.connect(db["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    storage = storages["private"]
    with tarfile.open(folder / "uploads.tar") as tar:
        for member in tar:
            if not member.isfile():
                continue
            data = tar.extractfile(member).read()
            if storage.exists(member.name):
                storage.delete(member.name)
            saved = storage.save(member.name, ContentFile(data))
            if saved != member.name:
                raise BackupError(f"upload {member.name} was stored as {saved}")
    return manifest

"""What a bulk audit reads: the report files named by paths that are files, folders or ZIP archives.

A `Source` names one file — on disk, or a member of a ZIP archive — and reads its bytes on demand,
so a task queue can carry it to a worker and several workers can share the queue. In folders and
archives, files whose name says they cannot be a report (pictures, spreadsheets of other data,
JSON that is not gongkai's) are passed over and counted; everything else, Word's old .doc and WPS
files included, is audited, so a unit that sent a format gongkai cannot read is told so.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import FORMAT
from ..readers._zip import DOCX_MAIN, XLSX_MAIN, ZIP_MAGIC

# Extensions of files that may hold a published report, read or not by gongkai's readers.
REPORT_SUFFIXES = {
    ".txt", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".xlsx", ".pdf",
    ".json", ".doc", ".wps", ".rtf", ".xls", ".et", ".ofd",
}  # fmt: skip
_SYSTEM_FILES = {"thumbs.db", "desktop.ini"}


class PathProblem(Exception):
    """A path given to the audit that cannot be opened at all (one line, naming the path)."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Source:
    path: str  # the file, or the ZIP archive holding it
    member: str | None = None  # name inside the archive
    label: str = field(default="", compare=False)  # how the file is named to people

    @property
    def name(self) -> str:
        return self.label or (f"{self.path}/{self.member}" if self.member else self.path)

    def read_bytes(self) -> bytes:
        if self.member is None:
            return Path(self.path).read_bytes()
        return _archive(self.path).read(self.member)


@lru_cache(maxsize=4)
def _archive(path: str) -> zipfile.ZipFile:
    """Archives stay open in each worker: reading a member must not parse a directory of
    thousands of entries again."""
    return zipfile.ZipFile(path)


@dataclass
class Expansion:
    sources: list[Source] = field(default_factory=list)
    problems: list[PathProblem] = field(default_factory=list)
    passed_over: int = 0  # files in folders or archives that cannot be reports


def expand(paths: list[str]) -> Expansion:
    """Every report file the paths name, in a stable order, and the paths that cannot be opened."""
    out = Expansion()
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                _folder(path, out)
            elif not path.exists():
                raise PathProblem(raw, "路径不存在")
            elif is_archive(path):
                _zip(path, out)
            else:
                with path.open("rb"):
                    pass
                out.sources.append(Source(str(path)))
        except PathProblem as problem:
            out.problems.append(problem)
        except OSError as exc:
            out.problems.append(PathProblem(raw, f"无法打开：{exc.strerror or exc}"))
    return out


def is_archive(path: Path) -> bool:
    """A ZIP archive of reports, as against a DOCX or XLSX (ZIP files too, named by their parts)."""
    with path.open("rb") as fh:
        if fh.read(4) != ZIP_MAGIC:
            return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return path.suffix.lower() == ".zip"  # a damaged archive: said when it is opened
    return DOCX_MAIN not in names and XLSX_MAIN not in names


def _folder(folder: Path, out: Expansion) -> None:
    for root, dirs, files in os.walk(folder, onerror=_raise):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__MACOSX")
        for name in sorted(files):
            path = Path(root) / name
            if not _may_be_report(name, lambda path=path: _head(path)):
                out.passed_over += 1
            elif is_archive(path):
                _zip(path, out)
            else:
                out.sources.append(Source(str(path)))


def _member_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as fh:
        return fh.read(4096)


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(4096)


def _raise(exc: OSError) -> None:
    raise PathProblem(exc.filename or "?", f"无法打开：{exc.strerror or exc}")


def _zip(path: Path, out: Expansion) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PathProblem(str(path), f"不是完整的 ZIP 压缩包，无法打开（{exc}）") from None
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: member_name(i)):
            name = member_name(info)
            parts = name.split("/")
            if info.is_dir() or "__MACOSX" in parts or any(p.startswith(".") for p in parts):
                continue
            if not _may_be_report(
                parts[-1],
                lambda info=info: archive.open(info).read(4096) if info.file_size else b"",
            ):
                out.passed_over += 1
                continue
            out.sources.append(Source(str(path), info.filename, label=f"{path}/{name}"))


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its maker wrote it: archives made on Chinese Windows store names in
    GBK without the UTF-8 flag, which Python decodes as CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _may_be_report(name: str, head=None) -> bool:
    lower = name.lower()
    if lower.startswith(".") or lower in _SYSTEM_FILES:
        return False
    suffix = os.path.splitext(lower)[1]
    if suffix == ".zip":
        return True
    if suffix not in REPORT_SUFFIXES:
        return False
    if suffix == ".json" and head is not None:
        try:
            return FORMAT.encode() in head()  # gongkai's canonical JSON, not other data
        except (
            Exception
        ):  # a damaged member or file (zlib, CRC, I/O): audited, and the audit says why
            return True
    return True

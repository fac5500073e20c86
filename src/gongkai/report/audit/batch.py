"""A bulk audit of many report files, on several processes, in memory that does not grow with them.

1. Each file is audited alone (`single.audit_source`) by a pool of worker processes; the results
   go, as they come, into a temporary SQLite file, not into memory.
2. Each report is paired with the same agency's report of the year before, among the files audited
   and those given as previous reports only, and the cross-year rules run on the pair
   (`rules.check_against_previous`).
3. The results are read back worst first (`AuditRun.ranked`) for the summary, the JSON and the XLSX.

The web side runs step 1 as one background task per file and step 2 as a query on its database;
this module is the same work for the CLI.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..findings import SEVERITY_ORDER, Severity
from ..model import Report
from ..rules import check_against_previous
from ..rules.audit import NO_PREVIOUS
from .single import ExtraCheck, agency_key, audit_source, unreadable_audit
from .sources import PathProblem, Source, expand

AUDIT, PREVIOUS = "audit", "previous"  # a file audited, a file given only as a previous report

_SCHEMA = """
CREATE TABLE result (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL,
    file TEXT NOT NULL,
    agency_key TEXT,
    year INTEGER,
    complete INTEGER NOT NULL,
    not_a_report INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    audit TEXT NOT NULL,  -- ReportAudit.to_dict() as JSON
    report TEXT           -- the report's canonical JSON, for pairing; NULL when not read
);
CREATE INDEX result_agency_year ON result (agency_key, year);
"""


@dataclass
class AuditRun:
    """The results of a bulk audit, kept in a temporary SQLite file until `close()`."""

    db: sqlite3.Connection
    path: str
    problems: list[PathProblem] = field(default_factory=list)
    passed_over: int = 0

    def ranked(self) -> Iterator[dict]:
        """Each audited file's result, worst first: most errors, then most warnings; files that
        hold no report last."""
        rows = self.db.execute(
            "SELECT audit FROM result WHERE role = ? ORDER BY not_a_report, errors DESC, warnings DESC, file",
            (AUDIT,),
        )
        for (text,) in rows:
            yield json.loads(text)

    def close(self) -> None:
        self.db.close()
        os.unlink(self.path)

    def __enter__(self) -> AuditRun:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


Progress = Callable[[int, int], None]


def run_audit(
    paths: Sequence[str],
    previous: Sequence[str] = (),
    *,
    jobs: int = 1,
    dates: Mapping[str, date] | None = None,
    checks: Sequence[ExtraCheck] = (),
    progress: Progress | None = None,
) -> AuditRun:
    """Audit every report file `paths` name (files, folders, ZIP archives); `previous` names
    files only to compare with (last year's reports). `dates` gives publication dates by file
    name (as shown, or its last part)."""
    found, earlier = expand(list(paths)), expand(list(previous))
    tasks = [(AUDIT, s, _date_for(s, dates)) for s in found.sources]
    tasks += [(PREVIOUS, s, None) for s in earlier.sources]
    fd, db_path = tempfile.mkstemp(prefix="gongkai-audit-", suffix=".sqlite3")
    os.close(fd)
    db = sqlite3.connect(db_path)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
    run = AuditRun(
        db, db_path, found.problems + earlier.problems, found.passed_over + earlier.passed_over
    )
    try:
        _audit_all(db, tasks, jobs, checks, progress)
        _pair(db)
    except BaseException:
        run.close()
        raise
    return run


def _date_for(source: Source, dates: Mapping[str, date] | None) -> date | None:
    if not dates:
        return None
    return dates.get(source.name) or dates.get(Path(source.name).name)


def _task(args: tuple[str, Source, date | None, Sequence[ExtraCheck]]) -> tuple:
    """Run in a worker: one file, audited, as the row to store."""
    role, source, published, checks = args
    try:
        audit = audit_source(source, published=published, checks=checks)
    except Exception as exc:  # a defect of a reader must cost this file only, not the whole batch
        audit = unreadable_audit(
            source.name,
            f"读取时程序出错（{type(exc).__name__}），请将该文件报告给 gongkai 的维护者",
        )
    data = audit.to_dict()
    report = audit.report
    return (
        role,
        source.name,
        agency_key(report.agency) if report else None,
        report.year if report else None,
        int(audit.completeness.complete),
        int(audit.not_a_report),
        data["errors"],
        data["warnings"],
        json.dumps(data, ensure_ascii=False),
        report.to_json(indent=None) if report else None,
    )


def _audit_all(
    db: sqlite3.Connection,
    tasks: list,
    jobs: int,
    checks: Sequence[ExtraCheck],
    progress: Progress | None,
) -> None:
    args = [(role, source, published, tuple(checks)) for role, source, published in tasks]
    insert = "INSERT INTO result (role, file, agency_key, year, complete, not_a_report, errors, warnings, audit, report) VALUES (?,?,?,?,?,?,?,?,?,?)"
    if jobs <= 1 or len(args) <= 1:
        rows = map(_task, args)
        _store(db, insert, rows, len(args), progress)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        # Small chunks: files differ a hundredfold in cost (a PDF against a text), and a big chunk
        # of PDFs would leave the other worker idle at the end.
        _store(db, insert, pool.imap_unordered(_task, args, chunksize=4), len(args), progress)


def _store(
    db: sqlite3.Connection, insert: str, rows, total: int, progress: Progress | None
) -> None:
    done = 0
    for row in rows:
        db.execute(insert, row)
        done += 1
        if progress:
            progress(done, total)
    db.commit()


def _pair(db: sqlite3.Connection) -> None:
    """Compare each audited report with the same agency's report of the year before."""
    ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM result WHERE role = ? AND report IS NOT NULL", (AUDIT,)
        )
    ]
    for rid in ids:
        key, year, audit_text, report_text = db.execute(
            "SELECT agency_key, year, audit, report FROM result WHERE id = ?", (rid,)
        ).fetchone()
        audit = json.loads(audit_text)
        before = None
        if key is not None and year is not None:
            # The previous report given as such first, then the one read best.
            before = db.execute(
                "SELECT file, report FROM result WHERE agency_key = ? AND year = ? AND report IS NOT NULL "
                "ORDER BY role = ? DESC, complete DESC, errors, file LIMIT 1",
                (key, year - 1, PREVIOUS),
            ).fetchone()
        if before is None:
            why = (
                "机关或年度未能识别"
                if key is None or year is None
                else f"所审核的文件中没有「{audit['agency']}」{year - 1}年度的报告"
            )
            found = [
                NO_PREVIOUS.finding(
                    f"{why}，未作跨年度核对（上年结转、现行有效件数、是否照搬上年内容）；可用 --previous 提供上年报告。"
                )
            ]
        else:
            audit["previous"] = before[0]
            found = check_against_previous(
                Report.from_json(report_text), Report.from_json(before[1])
            )
        if not found:
            db.execute(
                "UPDATE result SET audit = ? WHERE id = ?",
                (json.dumps(audit, ensure_ascii=False), rid),
            )
            continue
        audit["findings"] = sorted(
            audit["findings"] + [f.to_dict() for f in found],
            key=lambda f: SEVERITY_ORDER[Severity(f["severity"])],
        )
        for severity, key_name in (
            (Severity.ERROR, "errors"),
            (Severity.WARNING, "warnings"),
            (Severity.INFO, "infos"),
        ):
            audit[key_name] = sum(1 for f in audit["findings"] if f["severity"] == severity)
        db.execute(
            "UPDATE result SET audit = ?, errors = ?, warnings = ? WHERE id = ?",
            (json.dumps(audit, ensure_ascii=False), audit["errors"], audit["warnings"], rid),
        )
    db.commit()

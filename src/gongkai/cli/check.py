"""`gongkai check FILE... [--previous LAST_YEAR] [--json]`.

Exit 0 when every file was read completely and has no error-level finding; 1 when one has an
error, a part not read (表二, 表三, 表四 or the sections: completeness.py) being one; 2 when a file
cannot be read as a report at all. `--json` gives each file's findings with ``"complete"`` and the
parts ``"not_read"`` (an unreadable file too, with its ``"error"``).
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from ..report import Finding, Report, ReportReadError, Severity, check, read
from ..report.completeness import Completeness, completeness
from ._io import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, print_json, read_or_fail

_TITLES = {
    Severity.ERROR: ("错误", "bold red"),
    Severity.WARNING: ("警告", "yellow"),
    Severity.INFO: ("提示", "cyan"),
}


def register(sub) -> None:
    p = sub.add_parser("check", help="校验年度报告的勾稽关系与内容")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--previous", metavar="LAST_YEAR_FILE", help="上一年度报告，用于跨年度校验")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run)


def run(args) -> int:
    previous = None
    if args.previous:
        previous = read_or_fail(args.previous)
        if previous is None:
            return EXIT_UNREADABLE
    results: list[tuple[Report, list[Finding], Completeness]] = []
    payload: list[dict] = []  # one entry per file, in the order given
    unreadable = False
    for path in args.files:
        try:
            report = read(path)
        except ReportReadError as exc:
            print(f"gongkai: {exc.source}: {exc.reason}", file=sys.stderr)
            unreadable = True
            payload.append(
                {
                    "file": path,
                    "error": exc.reason,
                    **Completeness.unreadable(exc.reason).to_dict(),
                    "findings": [],
                }
            )
            continue
        findings, complete = check(report, previous), completeness(report)
        results.append((report, findings, complete))
        payload.append(
            {
                "file": path,
                **complete.to_dict(),
                "report": report.to_dict(),
                "findings": [f.to_dict() for f in findings],
            }
        )

    if args.json:
        print_json(payload[0] if len(args.files) == 1 else payload)
    else:
        console = Console(highlight=False)
        for report, findings, complete in results:
            _print_human(console, report, findings, complete)

    if unreadable:
        return EXIT_UNREADABLE
    failed = any(
        not c.complete or any(f.severity == Severity.ERROR for f in fs) for _, fs, c in results
    )
    return EXIT_FINDINGS if failed else EXIT_OK


def _print_human(
    console: Console, report: Report, findings: list[Finding], complete: Completeness
) -> None:
    head = f"{report.source}：{report.agency or '（未识别机关）'} {report.year or '（未识别年度）'}年度报告"
    head += f"，表格格式 {report.template or '未识别'}"
    console.rule(head)
    if not complete.complete:
        parts = "；".join(f"{g.name}：{g.reason}" for g in complete.not_read)
        console.print(f"[bold red]报告未能完整读取，以下部分无法核对：{parts}[/bold red]")
    if not findings:
        console.print("[green]未发现问题。[/green]")
        return
    for severity in Severity:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        title, style = _TITLES[severity]
        table = Table(
            title=f"{title}（{len(group)}）", title_style=style, show_lines=True, expand=True
        )
        table.add_column("规则", no_wrap=True)
        table.add_column("说明")
        for f in group:
            table.add_row(f.rule, f.message)
        console.print(table)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    summary = f"合计：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，提示 {counts[Severity.INFO]}"
    if not complete.complete:
        summary += f"；未完整读取（{'、'.join(g.short_name for g in complete.not_read)}未读到）"
    console.print(summary)

"""`gongkai check FILE... [--previous LAST_YEAR] [--json]`.

Exit 0 when no file has an error-level finding, 1 when one does, 2 when a file cannot be read.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..report import Finding, Report, Severity, check
from ._io import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, print_json, read_or_fail

_TITLES = {Severity.ERROR: ("错误", "bold red"), Severity.WARNING: ("警告", "yellow"), Severity.INFO: ("提示", "cyan")}


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
    results: list[tuple[Report, list[Finding]]] = []
    unreadable = False
    for path in args.files:
        report = read_or_fail(path)
        if report is None:
            unreadable = True
            continue
        results.append((report, check(report, previous)))

    if args.json:
        payload = [{"report": r.to_dict(), "findings": [f.to_dict() for f in fs]} for r, fs in results]
        if len(args.files) == 1 and payload:
            print_json(payload[0])
        elif payload or len(args.files) > 1:
            print_json(payload)
    else:
        console = Console(highlight=False)
        for report, findings in results:
            _print_human(console, report, findings)

    if unreadable:
        return EXIT_UNREADABLE
    has_error = any(f.severity == Severity.ERROR for _, fs in results for f in fs)
    return EXIT_FINDINGS if has_error else EXIT_OK


def _print_human(console: Console, report: Report, findings: list[Finding]) -> None:
    head = f"{report.source}：{report.agency or '（未识别机关）'} {report.year or '（未识别年度）'}年度报告"
    head += f"，表格格式 {report.template or '未识别'}"
    console.rule(head)
    if not findings:
        console.print("[green]未发现问题。[/green]")
        return
    for severity in Severity:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        title, style = _TITLES[severity]
        table = Table(title=f"{title}（{len(group)}）", title_style=style, show_lines=True, expand=True)
        table.add_column("规则", no_wrap=True)
        table.add_column("说明")
        for f in group:
            table.add_row(f.rule, f.message)
        console.print(table)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    console.print(f"合计：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，提示 {counts[Severity.INFO]}")

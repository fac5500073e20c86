"""`gongkai audit PATH... [--previous PATH...] [--json] [--xlsx OUT] [--jobs N] [--dates CSV]`.

Audits every report file the paths name (files, folders, ZIP archives): every finding of `check`,
reading completeness, publication on time (《条例》第四十九条), the comparison with the same
agency's report of the year before. Prints one line per report, worst first (the ranking), or the
results as JSON; `--xlsx` also writes them as a workbook. Exit 0 when no report has an error, 1
when one has (a report not read completely, or a file that cannot be read, is one), 2 when a path
cannot be opened at all (or the workbook or the dates file cannot be used).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from ..report.audit import run_audit
from ..report.audit.xlsx import write_workbook
from ._io import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def register(sub) -> None:
    p = sub.add_parser(
        "audit", help="批量审核年度报告：勾稽关系、完整读取、按期公布、跨年度核对，按问题多少排名"
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、文件夹或 ZIP 压缩包")
    p.add_argument(
        "--previous",
        nargs="+",
        default=[],
        metavar="PATH",
        help="上一年度的报告（只用于跨年度核对，不列入排名）",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出每份报告的审核结果")
    p.add_argument("--xlsx", metavar="OUT", help="另将审核结果写入 XLSX 工作簿")
    p.add_argument(
        "--jobs", "-j", type=int, default=1, metavar="N", help="并行审核的进程数（默认 1）"
    )
    p.add_argument(
        "--dates",
        metavar="CSV",
        help="各报告的发布日期：每行“文件名,YYYY-MM-DD”（优先于文件中的发布时间）",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        dates = _read_dates(args.dates) if args.dates else None
    except ValueError as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    progress = _progress if sys.stderr.isatty() and not args.json else None
    with run_audit(
        args.paths, args.previous, jobs=max(1, args.jobs), dates=dates, progress=progress
    ) as audit:
        if progress:
            print(file=sys.stderr)
        for problem in audit.problems:
            print(f"gongkai: {problem.path}: {problem.reason}", file=sys.stderr)
        failed = False
        count = 0
        if args.json:
            sys.stdout.write("[")
        summary = _Summary()
        for result in audit.ranked():
            count += 1
            if result.get("error") and not result.get("not_a_report"):
                print(f"gongkai: {result['file']}: {result['error']}", file=sys.stderr)
            failed |= result["errors"] > 0 and not result.get("not_a_report")
            if args.json:
                sys.stdout.write(
                    ("\n" if count == 1 else ",\n")
                    + json.dumps(result, ensure_ascii=False, indent=2)
                )
            else:
                summary.line(result)
        if args.json:
            sys.stdout.write("\n]\n" if count else "]\n")
        else:
            summary.close(audit.passed_over)
        if args.xlsx:
            try:
                write_workbook(audit.ranked(), Path(args.xlsx))
            except OSError as exc:
                print(
                    f"gongkai: {args.xlsx}: 无法写入工作簿：{exc.strerror or exc}", file=sys.stderr
                )
                return EXIT_UNREADABLE
    if not count and not audit.problems:
        print(f"gongkai: {'、'.join(args.paths)}: 没有找到可审核的报告文件", file=sys.stderr)
        return EXIT_UNREADABLE
    if audit.problems:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if failed else EXIT_OK


class _Summary:
    """The human output: one line per report, worst first, then the totals."""

    def __init__(self) -> None:
        self.rank = 0
        self.totals: Counter = Counter()
        self.skipped: list[str] = []

    def line(self, r: dict) -> None:
        if r.get("not_a_report"):
            self.skipped.append(f"  {r['file']}：{r['error']}")
            return
        self.rank += 1
        self.totals["reports"] += 1
        self.totals["with_errors"] += r["errors"] > 0
        self.totals["incomplete"] += not r["complete"]
        rules = Counter(f["rule"] for f in r["findings"] if f["severity"] != "info")
        self.totals["late"] += "PUB-LATE" in rules
        self.totals["copied"] += "X-YEAR-COPIED" in rules
        name = (
            f"{r['agency'] or '（未识别机关）'} {r['year'] or '（未识别年度）'}年度"
            if not r.get("error")
            else "（无法读取）"
        )
        state = "" if r["complete"] else "  未完整读取"
        which = "、".join(f"{rule}×{n}" if n > 1 else rule for rule, n in rules.most_common(4))
        print(
            f"{self.rank:>4}. 错误 {r['errors']:>2}  警告 {r['warnings']:>2}{state}  {name}  {r['file']}"
            + (f"  [{which}]" if which else "")
        )

    def close(self, passed_over: int) -> None:
        t = self.totals
        print(
            f"共审核 {t['reports']} 份报告：有错误 {t['with_errors']} 份，未完整读取 {t['incomplete']} 份，"
            f"逾期公布 {t['late']} 份，疑似照搬上年内容 {t['copied']} 份。"
        )
        if self.skipped:
            print(f"以下 {len(self.skipped)} 个文件不是年度报告，未审核：")
            print("\n".join(self.skipped))
        if passed_over:
            print(f"另有 {passed_over} 个文件从文件名看不是报告（如图片、其他数据），已跳过。")


def _progress(done: int, total: int) -> None:
    if done == total or done % 50 == 0:
        print(f"\r已审核 {done}/{total}", end="", file=sys.stderr, flush=True)


def _read_dates(path: str) -> dict[str, date]:
    """File name -> publication date, from a CSV of `文件,日期` rows (a header row is skipped)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except OSError as exc:
        raise ValueError(f"{path}: 无法读取发布日期文件：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: 发布日期文件应为 UTF-8 编码的 CSV") from None
    dates: dict[str, date] = {}
    for number, row in enumerate(rows, start=1):
        if not row or not "".join(row).strip():
            continue
        m = _DATE.match(row[1]) if len(row) >= 2 else None
        if m is None:
            if number == 1:
                continue  # a header row
            raise ValueError(f"{path}: 第{number}行应为“文件名,YYYY-MM-DD”：{','.join(row)}")
        try:
            dates[row[0].strip()] = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise ValueError(f"{path}: 第{number}行的日期不存在：{row[1]}") from None
    return dates

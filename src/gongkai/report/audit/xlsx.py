"""The audit as a workbook: one row per report (the ranking), one row per finding, and the files
passed over because they hold no report.

Written in openpyxl's write-only mode, row by row as the results are read back, so a workbook of
ten thousand reports takes no more memory than one of ten.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from gongkai.report.completeness import short_name

SUMMARY = "审核结果"
FINDINGS = "问题明细"
SKIPPED = "未审核的文件"
SUMMARY_HEADER = (
    "排名", "文件", "机关", "年度", "格式", "完整读取", "未读部分", "错误", "警告", "提示",
    "发布日期", "发布日期来源", "公布期限", "上年报告", "主要问题",
)  # fmt: skip
FINDINGS_HEADER = ("文件", "机关", "年度", "级别", "规则", "说明", "节", "表", "行", "列")
_LEVEL = {"error": "错误", "warning": "警告", "info": "提示"}
_CELL_MAX = 32767  # characters a spreadsheet cell holds


def _text(value) -> object:
    if not isinstance(value, str):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:_CELL_MAX]


def write_workbook(results: Iterable[dict], out: Path) -> int:
    """Write the ranked results to `out`; the number of report rows written."""
    book = Workbook(write_only=True)
    summary = book.create_sheet(SUMMARY)
    details = book.create_sheet(FINDINGS)
    skipped = book.create_sheet(SKIPPED)
    summary.append(SUMMARY_HEADER)
    details.append(FINDINGS_HEADER)
    skipped.append(("文件", "原因"))
    rows = 0
    for r in results:
        if r.get("not_a_report"):
            skipped.append([_text(r["file"]), _text(r["error"])])
            continue
        rows += 1
        rank = rows
        published = r.get("published") or {}
        problems = "\n".join(
            f"[{_LEVEL[f['severity']]}] {f['rule']}：{f['message']}"
            for f in r["findings"]
            if f["severity"] != "info"
        )
        not_read = "、".join(short_name(g["part"]) for g in r["not_read"])
        summary.append(
            [
                _text(v)
                for v in (
                    rank,
                    r["file"],
                    r["agency"],
                    r["year"],
                    r.get("format"),
                    "是" if r["complete"] else "否",
                    r["error"] if r.get("error") else not_read,
                    r["errors"],
                    r["warnings"],
                    r.get("infos", 0),
                    published.get("date"),
                    published.get("source"),
                    r.get("deadline"),
                    r.get("previous"),
                    problems,
                )
            ]
        )
        for f in r["findings"]:
            loc = f["location"]
            details.append(
                [
                    _text(v)
                    for v in (
                        r["file"],
                        r["agency"],
                        r["year"],
                        _LEVEL[f["severity"]],
                        f["rule"],
                        f["message"],
                        loc.get("section"),
                        loc.get("table"),
                        loc.get("row"),
                        loc.get("column"),
                    )  # fmt: skip
                ]
            )
    book.save(out)
    return rows

"""Rules on 表二 主动公开政府信息情况."""

from __future__ import annotations

from .. import labels
from ..findings import Location, Severity
from ..model import T2
from .base import Context, Issue, rule


@rule(
    "T2-NEGATIVE",
    Severity.ERROR,
    title="表二的数量、金额不能为负（本年增/减除外）",
    basis="表二各列为件数、数量或金额（statute.md §1.4 / §2.2）；只有2019年试行格式的「本年增/减」可为负（湖北注释，§2.2）",
    grade="B",
)
def t2_negative(ctx: Context):
    t = ctx.template
    for sub in t.t2:
        kinds = {c.key: c.kind for c in sub.columns}
        for row, cells in ctx.report.t2.get(sub.key, {}).items():
            for col, value in cells.items():
                if value is not None and value < 0 and kinds.get(col, "int") != "signed_int":
                    yield Issue(
                        f"{labels.t2_cell(t, sub.key, row, col)}填写 {value}：该列不能为负数，请更正。",
                        Location(section="二", table=T2, row=f"{sub.key}.{row}", column=col),
                        expected=">= 0",
                        actual=value,
                    )


@rule(
    "T2-VALID-LT-ISSUED",
    Severity.WARNING,
    title="表二（2021）：现行有效件数不少于本年制发件数",
    basis="表二第二十条第（一）项「本年制发件数」「现行有效件数」（国办公开办函〔2021〕30号，statute.md §1.4）；"
    "本年制发的文件一般仍现行有效，但同年制发又废止在理论上可能，故为推断，UNVERIFIED",
    grade="UNVERIFIED",
)
def t2_valid_lt_issued(ctx: Context):
    if ctx.template.key != "2021":
        return
    for row, cells in ctx.report.t2.get("art20_1", {}).items():
        issued, valid = cells.get("issued_this_year"), cells.get("currently_valid")
        if issued is not None and valid is not None and valid < issued:
            yield Issue(
                f"{labels.t2_cell(ctx.template, 'art20_1', row, 'currently_valid')}为 {valid}，"
                f"少于同一行「本年制发件数」{issued}：本年制发的文件通常仍现行有效，请核对。",
                Location(section="二", table=T2, row=f"art20_1.{row}", column="currently_valid"),
                expected=f">= {issued}",
                actual=valid,
            )


@rule(
    "T2-PUBLISHED-GT-TOTAL",
    Severity.WARNING,
    title="表二（2019试行）：本年新公开数量不超过对外公开总数量",
    basis="表二第二十条第（一）项「本年新公开数量」「对外公开总数量」（国办公开办函〔2019〕60号，statute.md §2.2）；"
    "总数量应包含本年新公开的文件，模板未作说明，故为推断，UNVERIFIED",
    grade="UNVERIFIED",
)
def t2_published_gt_total(ctx: Context):
    if ctx.template.key != "2019":
        return
    for row, cells in ctx.report.t2.get("art20_1", {}).items():
        new, total = cells.get("newly_published"), cells.get("total_published")
        if new is not None and total is not None and new > total:
            yield Issue(
                f"{labels.t2_cell(ctx.template, 'art20_1', row, 'newly_published')}为 {new}，"
                f"多于同一行「对外公开总数量」{total}：对外公开总数量应包含本年新公开的文件，请核对。",
                Location(section="二", table=T2, row=f"art20_1.{row}", column="newly_published"),
                expected=f"<= {total}",
                actual=new,
            )

"""Hypothesis strategies for valid reports (both templates, blanks included).

With `local_rows=True` some carry 表二 rows no template has (t2_local_rows), with and without
a parent row, a parent printed with or without figures of its own.
A generated report obeys every table rule: applicant columns sum to 总计, outcome rows sum to
（七）总计, the per-column balance holds, 表四 totals are the sums of their parts. Blank cells
(None) appear only where a zero would have been printed, the way real reports leave zeros blank.
"""

from __future__ import annotations

from hypothesis import strategies as st

from gongkai.report import LocalRow, Report, SectionText
from gongkai.report.templates import TEMPLATES, Column, Template

AGENCIES = [
    "北京市东城区人民政府",
    "平潭综合实验区自然资源与生态环境局",
    "某县交通运输局",
    "上海市某区教育局",
]

# 表二 rows agencies add (statute.md §2.2: the Hubei gloss lists what 其他对外管理服务事项 covers;
# Hubei and Xiaogan add 其他主动公开文件 under （一）), by sub-table. None of them contains a
# template row's label, which would make it that row.
LOCAL_LABELS = {
    "art20_1": ("其他主动公开文件", "地方性法规", "其他文件"),
    "art20_5": (
        "行政确认",
        "行政奖励",
        "行政裁决",
        "行政给付",
        "行政检查",
        "行政征收",
        "公共服务事项",
    ),
    "art20_6": ("行政检查", "行政征收", "行政确认"),
    "art20_8": ("政府性基金", "经营服务性收费"),
}


def _maybe_blank(draw, value: int, blanks: bool):
    return None if blanks and value == 0 and draw(st.booleans()) else value


def _t2_value(draw, col: Column, blanks: bool):
    if col.kind == "decimal":
        value = draw(
            st.one_of(
                st.integers(0, 9999),
                st.decimals(0, 99999, places=4)
                .map(lambda d: float(d))
                .filter(lambda f: f != int(f)),
            )
        )
    elif col.kind == "signed_int":
        value = draw(st.integers(-500, 500))
    else:
        value = draw(st.integers(0, 100000))
    return _maybe_blank(draw, value, blanks)


def _local_rows(draw, t: Template, t2: dict, blanks: bool) -> list[LocalRow]:
    """表二 rows no template has, in the order every writer prints them: rows without a parent
    first, then each template row's own, in template order. A parent may be printed with cells
    of its own or only as the heading of its rows (the seed's 其他对外管理服务事项)."""
    local: list[LocalRow] = []
    for sub in t.t2:
        labels = LOCAL_LABELS.get(sub.key)
        if not labels or not draw(st.integers(0, 2)) == 0:
            continue
        parents = [None, *(r.key for r in sub.rows)]
        chosen = draw(st.lists(st.sampled_from(parents), min_size=1, max_size=3))
        for parent in sorted(chosen, key=parents.index):
            if parent is not None and draw(st.booleans()):
                t2[sub.key].pop(parent, None)  # the parent printed without cells of its own
            values = {c.key: _t2_value(draw, c, blanks) for c in sub.columns}
            local.append(LocalRow(sub.key, draw(st.sampled_from(labels)), parent, values))
    for key in [k for k, rows in t2.items() if not rows]:
        del t2[key]  # a sub-table left without template rows prints only its local rows
    return local


@st.composite
def reports(
    draw,
    template: str | None = None,
    blanks: bool = True,
    max_count: int = 500,
    local_rows: bool = False,
) -> Report:
    tkey = template or draw(st.sampled_from(sorted(TEMPLATES)))
    t = TEMPLATES[tkey]
    year = draw(st.integers(2019, 2020)) if tkey == "2019" else draw(st.integers(2021, 2025))
    agency = draw(st.sampled_from(AGENCIES))
    cols = [c for c in t.t3_column_keys if c != "total"]
    leaves = t.t3_outcome_leaf_keys

    small = st.integers(0, max_count)
    grid: dict[str, dict[str, int]] = {}
    for row in leaves:
        grid[row] = {
            c: draw(small) if c == "natural_person" else draw(st.integers(0, 5)) for c in cols
        }
    results = {c: sum(grid[r][c] for r in leaves) for c in cols}
    carried_in = {c: draw(st.integers(0, 50)) for c in cols}
    carried_out = {c: draw(st.integers(0, 50)) for c in cols}
    # balance: new + carried_in == results + carried_out; pick carried_in <= results + carried_out
    new = {}
    for c in cols:
        carried_in[c] = min(carried_in[c], results[c] + carried_out[c])
        new[c] = results[c] + carried_out[c] - carried_in[c]
    grid.update(
        new_received=new,
        carried_over_from_last_year=carried_in,
        results_total=results,
        carried_to_next_year=carried_out,
    )

    t3 = {}
    for row in t.t3_row_keys:
        cells = dict(grid[row])
        cells["total"] = sum(cells.values())
        t3[row] = {c: _maybe_blank(draw, cells[c], blanks) for c in t.t3_column_keys}

    t4 = {}
    for g in t.t4_group_keys:
        parts = {c: draw(st.integers(0, 30)) for c in ("upheld", "corrected", "other", "pending")}
        parts["total"] = sum(parts.values())
        t4[g] = {c: _maybe_blank(draw, parts[c], blanks) for c in t.t4_column_keys}

    t2 = {}
    for sub in t.t2:
        t2[sub.key] = {}
        for row in sub.rows:
            t2[sub.key][row.key] = {col.key: _t2_value(draw, col, blanks) for col in sub.columns}
    if (
        tkey == "2021"
    ):  # 现行有效 continuity needs last year's report; keep this year's own cells sane
        for row in t2["art20_1"].values():
            row["currently_valid"] = max(row["currently_valid"] or 0, row["issued_this_year"] or 0)
    t2_local = _local_rows(draw, t, t2, blanks) if local_rows else []

    total = t3["new_received"]["total"] or 0
    sections = [
        SectionText(
            "一",
            "一、总体情况",
            f"{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。全年共收到政府信息公开申请{total}件。",
        ),
        SectionText("二", "二、主动公开政府信息情况", ""),
        SectionText("三", "三、收到和处理政府信息公开申请情况", ""),
        SectionText("四", "四、政府信息公开行政复议、行政诉讼情况", ""),
        SectionText("五", "五、存在的主要问题及改进情况", "一是公开内容有待进一步丰富。"),
        SectionText("六", "六、其他需要报告的事项", "本年度未收取信息处理费。"),
    ]
    return Report(
        agency=agency,
        year=year,
        template=tkey,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        preamble=f"本报告依据《中华人民共和国政府信息公开条例》第五十条编制，统计期限自{year}年1月1日起至{year}年12月31日止。",
        sections=sections,
        t2=t2,
        t2_local_rows=t2_local,
        t3=t3,
        t4=t4,
    )

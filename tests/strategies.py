"""Hypothesis strategies for valid reports (both templates, blanks included).

A generated report obeys every table rule: applicant columns sum to 总计, outcome rows sum to
（七）总计, the per-column balance holds, 表四 totals are the sums of their parts. Blank cells
(None) appear only where a zero would have been printed, the way real reports leave zeros blank.
"""

from __future__ import annotations

from hypothesis import strategies as st

from gongkai.report import Report, SectionText
from gongkai.report.templates import TEMPLATES

AGENCIES = ["北京市东城区人民政府", "平潭综合实验区自然资源与生态环境局", "某县交通运输局", "上海市某区教育局"]


def _maybe_blank(draw, value: int, blanks: bool):
    return None if blanks and value == 0 and draw(st.booleans()) else value


@st.composite
def reports(draw, template: str | None = None, blanks: bool = True, max_count: int = 500) -> Report:
    tkey = template or draw(st.sampled_from(sorted(TEMPLATES)))
    t = TEMPLATES[tkey]
    year = draw(st.integers(2019, 2020)) if tkey == "2019" else draw(st.integers(2021, 2025))
    agency = draw(st.sampled_from(AGENCIES))
    cols = [c for c in t.t3_column_keys if c != "total"]
    leaves = t.t3_outcome_leaf_keys

    small = st.integers(0, max_count)
    grid: dict[str, dict[str, int]] = {}
    for row in leaves:
        grid[row] = {c: draw(small) if c == "natural_person" else draw(st.integers(0, 5)) for c in cols}
    results = {c: sum(grid[r][c] for r in leaves) for c in cols}
    carried_in = {c: draw(st.integers(0, 50)) for c in cols}
    carried_out = {c: draw(st.integers(0, 50)) for c in cols}
    # balance: new + carried_in == results + carried_out; pick carried_in <= results + carried_out
    new = {}
    for c in cols:
        carried_in[c] = min(carried_in[c], results[c] + carried_out[c])
        new[c] = results[c] + carried_out[c] - carried_in[c]
    grid.update(new_received=new, carried_over_from_last_year=carried_in, results_total=results, carried_to_next_year=carried_out)

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
            cells = {}
            for col in sub.columns:
                if col.kind == "decimal":
                    value = draw(st.one_of(st.integers(0, 9999), st.decimals(0, 99999, places=4).map(lambda d: float(d)).filter(lambda f: f != int(f))))
                elif col.kind == "signed_int":
                    value = draw(st.integers(-500, 500))
                else:
                    value = draw(st.integers(0, 100000))
                cells[col.key] = _maybe_blank(draw, value, blanks)
            t2[sub.key][row.key] = cells
    if tkey == "2021":  # 现行有效 continuity needs last year's report; keep this year's own cells sane
        for row in t2["art20_1"].values():
            row["currently_valid"] = max(row["currently_valid"] or 0, row["issued_this_year"] or 0)

    total = t3["new_received"]["total"] or 0
    sections = [
        SectionText("一", "一、总体情况", f"{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。全年共收到政府信息公开申请{total}件。"),
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
        t3=t3,
        t4=t4,
    )

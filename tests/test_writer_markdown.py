from hypothesis import given, settings

from gongkai.report import read_bytes
from gongkai.report.templates import TEMPLATES
from gongkai.report.writers import write

from .printed_tables import shown
from .strategies import reports


def pipe_tables(text: str) -> list[list[list[str]]]:
    """Every pipe table: its rows (header first, the rule line dropped) as lists of cells."""
    tables, current = [], None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if current is None:
                current = []
                tables.append(current)
            if not all(set(c) <= set(":-") and c for c in cells):
                current.append(cells)
        else:
            current = None
    return tables


@settings(max_examples=10, deadline=None)
@given(reports())
def test_it_writes_headings_and_flattened_tables_with_group_labels_repeated(report):
    md = write(report, "md").decode("utf-8")
    assert md.startswith(f"# {report.title}\n")
    for s in report.sections:
        assert f"\n## {s.heading}\n" in md
    template = TEMPLATES[report.template]
    tables = pipe_tables(md)
    assert len(tables) == len(template.t2) + 2

    for sub, table in zip(template.t2, tables, strict=False):
        assert table[0] == ["信息内容", *(c.label for c in sub.columns)]
        for row, cells in zip(sub.rows, table[1:], strict=True):
            assert cells == [
                row.label,
                *(shown(report.t2[sub.key][row.key][c.key]) for c in sub.columns),
            ]

    t3 = tables[len(template.t2)]
    assert t3[0][:3] == ["分组", "项目", "自然人"]
    assert "法人或其他组织/商业企业" in t3[0]
    by_label = {cells[1]: cells for cells in t3[1:]}
    for row in template.t3_rows:
        cells = by_label[row.label]
        assert cells[2:] == [shown(report.t3[row.key][c]) for c in template.t3_column_keys]
        if row.group and row.group.startswith("（"):
            assert cells[0] == f"三、本年度办理结果 / {row.group}"

    t4 = tables[-1]
    assert [cells[0] for cells in t4[1:]] == [
        "行政复议",
        "行政诉讼/未经复议直接起诉",
        "行政诉讼/复议后起诉",
    ]
    for g, cells in zip(template.t4_group_keys, t4[1:], strict=True):
        assert cells[1:] == [shown(report.t4[g][c]) for c in template.t4_column_keys]


@settings(max_examples=2, deadline=None)
@given(reports())
def test_it_escapes_narrative_lines_that_would_read_as_markdown_and_they_read_back_as_written(
    report,
):
    text = "| 一是 | 公开内容有待丰富。\n# 二是加强培训。\n- 三是完善制度。\n**四是**强化监督。"
    report.sections[4].text = text
    md = write(report, "md").decode("utf-8")
    assert "\n\\| 一是 | 公开内容有待丰富。\n" in md and "\n\\# 二是加强培训。\n" in md
    assert read_bytes(md.encode("utf-8"), "report.md").section("五").text == text

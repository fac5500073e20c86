"""Check a written table against the template, independently of the writers' layout code.

Each writer test turns its output (HTML, DOCX, XLSX) into a list of `Span`s: the cells of one
table with their position and spans as the file holds them. The checks below then walk the
template (not gongkai.report.writers.layout) and assert where every label and figure must be.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.report import Report
from gongkai.report.templates import TEMPLATES
from gongkai.report.templates.common import RESULTS, SUBROW


@dataclass(frozen=True)
class Span:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


class Printed:
    """A table as printed: look up the cell covering any position."""

    def __init__(self, spans: list[Span]):
        self.spans = spans
        self.columns = max(s.col + s.colspan for s in spans)
        self.rows = max(s.row + s.rowspan for s in spans)
        self._at: dict[tuple[int, int], Span] = {}
        for s in spans:
            for r in range(s.row, s.row + s.rowspan):
                for c in range(s.col, s.col + s.colspan):
                    assert (r, c) not in self._at, f"cells overlap at {(r, c)}"
                    self._at[(r, c)] = s
        assert len(self._at) == self.rows * self.columns, "table has holes"

    def at(self, row: int, col: int) -> Span:
        return self._at[(row, col)]

    def text(self, row: int, col: int) -> str:
        return self.at(row, col).text


def shown(value) -> str:
    """How a figure must be printed: blank for None, the plain number otherwise."""
    return "" if value is None else str(value)


def expect_span(
    t: Printed, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1
) -> None:
    s = t.at(row, col)
    assert (s.row, s.col, s.text, s.rowspan, s.colspan) == (row, col, text, rowspan, colspan), s


def check_t3(t: Printed, report: Report, cell_text=shown) -> None:
    template = TEMPLATES[report.template]
    assert t.columns == 10
    expect_span(t, 0, 0, template.t3_note, rowspan=3, colspan=3)
    expect_span(t, 0, 3, "申请人情况", colspan=7)
    expect_span(t, 1, 3, "自然人", rowspan=2)
    expect_span(t, 1, 4, "法人或其他组织", colspan=5)
    expect_span(t, 1, 9, "总计", rowspan=2)
    assert [t.text(2, c) for c in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    rows = [r for r in template.t3_rows if r.key in report.t3]
    assert t.rows == 3 + len(rows)
    results = [i for i, r in enumerate(rows) if r.group is not None]
    for i, row in enumerate(rows):
        r = 3 + i
        label = t.at(r, 2)
        assert label.text == row.label
        if row.group is None:
            assert (label.col, label.colspan) == (0, 3)
        elif row.group == RESULTS:
            assert (label.col, label.colspan) == (1, 2)
        else:
            group = t.at(r, 1)
            assert group.text == row.group
            assert group.rowspan == sum(1 for x in rows if x.group == row.group)
        if row.group is not None:
            expect_span(t, 3 + results[0], 0, RESULTS, rowspan=len(results))
        for j, col in enumerate(template.t3_columns):
            assert t.text(r, 3 + j) == cell_text(report.t3[row.key].get(col.key)), (
                row.key,
                col.key,
            )


def check_t4(t: Printed, report: Report, cell_text=shown) -> None:
    assert (t.rows, t.columns) == (4, 15)
    expect_span(t, 0, 0, "行政复议", colspan=5)
    expect_span(t, 0, 5, "行政诉讼", colspan=10)
    expect_span(t, 1, 5, "未经复议直接起诉", colspan=5)
    expect_span(t, 1, 10, "复议后起诉", colspan=5)
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for k, label in enumerate(labels):
        expect_span(t, 1, k, label, rowspan=2)
        assert t.text(2, 5 + k) == t.text(2, 10 + k) == label
    for g, group in enumerate(("review", "litigation_direct", "litigation_after_review")):
        for k, col in enumerate(("upheld", "corrected", "other", "pending", "total")):
            assert t.text(3, g * 5 + k) == cell_text(report.t4[group].get(col)), (group, col)


def check_t2(t: Printed, report: Report, cell_text=shown) -> None:
    """Captioned sub-tables in template order; local rows right under their parent row."""
    template = TEMPLATES[report.template]
    width = max(len(s.columns) for s in template.t2) + 1
    assert t.columns == width
    r = 0
    for sub in template.t2:
        expect_span(t, r, 0, sub.caption, colspan=width)
        assert t.text(r + 1, 0) == "信息内容"
        assert [t.text(r + 1, 1 + i) for i in range(len(sub.columns))] == [
            c.label for c in sub.columns
        ]
        assert (
            t.at(r + 1, width - 1).text == sub.columns[-1].label
        )  # the last header spans the rest
        r += 2
        for row in sub.rows:
            assert t.text(r, 0) == row.label
            for i, col in enumerate(sub.columns):
                assert t.text(r, 1 + i) == cell_text(report.t2[sub.key][row.key].get(col.key)), (
                    sub.key,
                    row.key,
                    col.key,
                )
            r += 1
            for local in (
                x for x in report.t2_local_rows if x.subtable == sub.key and x.parent == row.key
            ):
                assert t.text(r, 0) == SUBROW + local.label  # under a row with figures of its own
                for i, col in enumerate(sub.columns):
                    assert t.text(r, 1 + i) == cell_text(local.values.get(col.key))
                r += 1
    assert r == t.rows

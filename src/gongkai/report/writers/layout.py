"""The printed layout of a report, built once and rendered by every writer.

A `Document` is what the official format prints, in order: the title, the preamble, each section
heading 一–六 with its narrative paragraphs, and under 二、三、四 the table as a `Grid` of cells
with their row and column spans exactly as the template prints them (statute.md §1.4–1.6,
§2.2–2.4). HTML, DOCX and XLSX render grids cell for cell; Markdown flattens them.

Conventions every writer keeps, so readers can read the output back exactly:
- a cell holds exactly the printed label or number, nothing else;
- a blank cell (``None``) prints as an empty cell, never as 0;
- a row absent from the report is not printed (model.py); 表四 always prints its one data row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import LocalRow, Number, Report
from ..templates import TEMPLATES, Column, Row, SubTable, Template, template_for_year
from ..templates.common import OTHER, RESULTS, SUBROW

# Section whose table each statutory table prints under (《条例》第五十条第（一）–（三）项).
TABLE_SECTION = {"t2": "二", "t3": "三", "t4": "四"}
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
T3_APPLICANTS = "申请人情况"


# -- cells and grids --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a printed label (header, caption, row label), not a figure
    value: Number | None = None  # the figure of a data cell (None: printed blank)
    align: str = "center"  # "left" for row labels, as the template sets them
    strong: bool = False  # the sub-table captions of 表二


@dataclass
class Grid:
    key: str  # "t2", "t3", "t4"
    columns: int
    widths: tuple[float, ...]  # relative column widths, summing to 1
    header_rows: int  # leading rows repeated on every page
    cells: list[Cell] = field(default_factory=list)
    font_scale: float = 1.0  # < 1: figures too long for their columns print in smaller type

    @property
    def rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    def row_cells(self, row: int) -> list[Cell]:
        """The cells whose top-left corner is in `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def add(self, row: int, col: int, text: str, **kw) -> None:
        self.cells.append(Cell(row, col, text, **kw))


def format_value(value: Number | None) -> str:
    """A figure as printed: blank stays blank, integers plainly, 万元 amounts without exponent."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e" in text or "E" in text:  # 1e-05 → 0.00001
        text = f"{value:.10f}".rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


# Sizes of the printed page the widths are fitted to: the GB/T 9704 type area is 156 mm wide;
# a digit of the 10.5pt table type is about 2.1 mm wide, a cell's padding about 2.2 mm.
TEXT_WIDTH_MM = 156
DIGIT_MM = 2.1
PADDING_MM = 2.2


def _figure_width(grid: Grid) -> float:
    """The fraction of the type area the longest figure of the grid needs, padding included."""
    chars = max((len(c.text) for c in grid.cells if not c.header), default=1)
    return (max(chars, 3) * DIGIT_MM + PADDING_MM) / TEXT_WIDTH_MM


def _fit(grid: Grid, label_cols: int) -> None:
    """Widen figure columns so figures never wrap, taking the room from the widest label column
    (row labels wrap well; the narrow group cells do not); where even that is not enough (表四
    has fifteen columns and no labels), the figures get smaller type instead."""
    widths = list(grid.widths)
    figures = widths[label_cols:]
    need = _figure_width(grid)
    if label_cols and need > figures[0]:
        widest = max(range(label_cols), key=lambda i: widths[i])
        room = widths[widest] / 2  # a label column keeps at least half its width
        width = min(need, figures[0] + room / len(figures))
        widths[widest] -= (width - figures[0]) * len(figures)
        widths[label_cols:] = [width] * len(figures)
        grid.widths = tuple(widths)
    width = grid.widths[-1]
    if need > width:
        grid.font_scale = max(
            0.6, (width * TEXT_WIDTH_MM - PADDING_MM) / (need * TEXT_WIDTH_MM - PADDING_MM)
        )


def _figure(row: int, col: int, value: Number | None, **kw) -> Cell:
    return Cell(row, col, format_value(value), value=value, **kw)


# -- 表二 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class T2Line:
    label: str
    cells: dict[str, Number | None]
    local: bool = False  # a row the agency added (LocalRow), not the template's
    # A template row printed only as the heading of its local rows (the seed prints
    # 其他对外管理服务事项 with no figures of its own, above 行政检查 and 行政确认).
    heading: bool = False


@dataclass(frozen=True)
class T2Block:
    sub: SubTable
    lines: tuple[T2Line, ...]


def template_of(report: Report) -> Template:
    """The template the tables follow: as read, else the one prescribed for the year."""
    if report.template in TEMPLATES:
        return TEMPLATES[report.template]
    return template_for_year(report.year or 2021)


def _subtable(template: Template, key: str) -> SubTable | None:
    """The report's template's sub-table, else the other template's (a 2021 report may keep （九）)."""
    for t in (template, *TEMPLATES.values()):
        for sub in t.t2:
            if sub.key == key:
                return sub
    return None


def t2_blocks(report: Report, template: Template) -> list[T2Block]:
    keys = [s.key for s in template.t2]
    keys += [k for k in report.t2 if k not in keys]
    keys += [r.subtable for r in report.t2_local_rows if r.subtable not in keys]
    blocks = []
    for key in sorted(keys, key=lambda k: int(k.split("_")[1])):
        sub = _subtable(template, key)
        rows = report.t2.get(key, {})
        local = [r for r in report.t2_local_rows if r.subtable == key]
        if sub is None or (not rows and not local):
            continue
        # A local row with no parent (or one this sub-table lacks) comes first, before any
        # template row: after a heading's rows it would read as one of them (text.py does the same).
        parents = {r.key for r in sub.rows}
        lines = [_local_line(r) for r in local if r.parent not in parents]
        for row in sub.rows:
            children = [r for r in local if r.parent == row.key]
            if row.key in rows:
                lines.append(T2Line(row.label, rows[row.key]))
                # Under a row with figures of its own, "其中：" says the rows are its parts.
                lines += [_local_line(r, SUBROW) for r in children]
            elif children:
                lines.append(T2Line(row.label, {}, heading=True))
                lines += [_local_line(r) for r in children]
        blocks.append(T2Block(sub, tuple(lines)))
    return blocks


def _local_line(row: LocalRow, prefix: str = "") -> T2Line:
    return T2Line(prefix + row.label, row.values, local=True)


def t2_grid(report: Report, template: Template) -> Grid:
    blocks = t2_blocks(report, template)
    data_cols = max((len(b.sub.columns) for b in blocks), default=1)
    ncols = 1 + data_cols
    label_width = 0.28
    grid = Grid("t2", ncols, (label_width, *([(1 - label_width) / data_cols] * data_cols)), 0)
    r = 0
    for block in blocks:
        grid.add(r, 0, block.sub.caption, colspan=ncols, header=True, strong=True)
        r += 1
        grid.add(r, 0, block.sub.label_column, header=True)
        for i, col in enumerate(block.sub.columns):
            grid.add(
                r,
                1 + i,
                col.label,
                colspan=_last_span(i, block.sub.columns, data_cols),
                header=True,
            )
        r += 1
        for line in block.lines:
            if line.heading:
                grid.add(r, 0, line.label, colspan=ncols, header=True, align="left")
                r += 1
                continue
            grid.add(r, 0, line.label, header=True, align="left")
            for i, col in enumerate(block.sub.columns):
                span = _last_span(i, block.sub.columns, data_cols)
                grid.cells.append(_figure(r, 1 + i, line.cells.get(col.key), colspan=span))
            r += 1
    return grid


def _last_span(i: int, columns: tuple[Column, ...], data_cols: int) -> int:
    """The last column of a narrower sub-table spans the rest, as the template prints it."""
    return data_cols - len(columns) + 1 if i == len(columns) - 1 else 1


# -- 表三 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class T3Line:
    key: str
    label: str
    path: tuple[
        str, ...
    ]  # printed group cells above the label: (三、本年度办理结果, （三）不予公开)
    cells: dict[str, Number | None]


def t3_row_defs(report: Report, template: Template) -> list[Row]:
    rows = list(template.t3_rows)
    # A 2021-format report may still print the 2019 single （六）其他处理 row (model.T3_ROW_KEYS).
    if "other" in report.t3 and "other" not in template.t3_row_keys:
        at = next(i for i, r in enumerate(rows) if r.group == OTHER)
        rows.insert(at, Row("other", OTHER, RESULTS))
    return [r for r in rows if r.key in report.t3]


def _path(row: Row) -> tuple[str, ...]:
    if row.group is None:
        return ()
    return (row.group,) if row.group == RESULTS else (RESULTS, row.group)


def t3_lines(report: Report, template: Template) -> list[T3Line]:
    return [
        T3Line(r.key, r.label, _path(r), report.t3[r.key]) for r in t3_row_defs(report, template)
    ]


def t3_grid(report: Report, template: Template) -> Grid:
    label_cols = 3
    cols = template.t3_columns
    ncols = label_cols + len(cols)
    label_widths = (0.08, 0.10, 0.29)
    data_width = (1 - sum(label_widths)) / len(cols)
    grid = Grid("t3", ncols, (*label_widths, *([data_width] * len(cols))), 3)
    # Header: the 勾稽 note in the 3×3 top-left cell, 申请人情况 over all seven columns, then each
    # column either spanning two header rows (自然人, 总计) or under its parent (法人或其他组织).
    grid.add(0, 0, template.t3_note, rowspan=3, colspan=label_cols, header=True)
    grid.add(0, label_cols, T3_APPLICANTS, colspan=len(cols), header=True)
    _spanning_headers(grid, 1, label_cols, cols)

    lines = t3_lines(report, template)
    for i, line in enumerate(lines):
        r = 3 + i
        for depth, group in enumerate(line.path):
            prefix = line.path[: depth + 1]
            if i > 0 and lines[i - 1].path[: depth + 1] == prefix:
                continue  # covered by the group cell of an earlier row
            run = 0
            while i + run < len(lines) and lines[i + run].path[: depth + 1] == prefix:
                run += 1
            grid.add(r, depth, group, rowspan=run, header=True)
        depth = len(line.path)
        grid.add(r, depth, line.label, colspan=label_cols - depth, header=True, align="left")
        for j, col in enumerate(cols):
            grid.cells.append(_figure(r, label_cols + j, line.cells.get(col.key)))
    _fit(grid, label_cols)
    return grid


def _spanning_headers(grid: Grid, row: int, first_col: int, cols: tuple[Column, ...]) -> None:
    """Two header rows over `cols`: a column without parent spans both, siblings share a parent cell."""
    j = 0
    while j < len(cols):
        parent = cols[j].parent
        if parent is None:
            grid.add(row, first_col + j, cols[j].label, rowspan=2, header=True)
            j += 1
            continue
        n = 0
        while j + n < len(cols) and cols[j + n].parent == parent:
            grid.add(row + 1, first_col + j + n, cols[j + n].label, header=True)
            n += 1
        grid.add(row, first_col + j, parent, colspan=n, header=True)
        j += n


# -- 表四 ------------------------------------------------------------------------------------


def t4_grid(report: Report, template: Template) -> Grid:
    groups, cols = template.t4_groups, template.t4_columns
    width = len(cols)
    ncols = len(groups) * width
    grid = Grid("t4", ncols, tuple([1 / ncols] * ncols), 3)
    # 行政复议 over its five columns whose labels span two rows; 行政诉讼 over ten, split into
    # 未经复议直接起诉 and 复议后起诉 of five each (statute.md §1.6).
    c = 0
    while c < len(groups):
        g = groups[c]
        first = c * width
        if g.group is None:
            grid.add(0, first, g.label, colspan=width, header=True)
            for k, col in enumerate(cols):
                grid.add(1, first + k, col.label, rowspan=2, header=True)
            c += 1
            continue
        n = 0
        while c + n < len(groups) and groups[c + n].group == g.group:
            sub = groups[c + n]
            start = (c + n) * width
            grid.add(1, start, sub.label, colspan=width, header=True)
            for k, col in enumerate(cols):
                grid.add(2, start + k, col.label, header=True)
            n += 1
        grid.add(0, first, g.group, colspan=n * width, header=True)
        c += n
    for gi, g in enumerate(groups):
        cells = report.t4.get(g.key, {})
        for k, col in enumerate(cols):
            grid.cells.append(_figure(3, gi * width + k, cells.get(col.key)))
    _fit(grid, 0)
    return grid


# -- the whole document ----------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    number: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    grid: Grid


Block = Heading | Paragraph | Table


@dataclass
class Document:
    title: str
    template: Template
    blocks: list[Block]


def title_of(report: Report) -> str:
    if report.title:
        return report.title
    return f"{report.agency or ''}{report.year or ''}年政府信息公开工作年度报告"


def paragraphs(text: str) -> list[str]:
    """Narrative text as printed paragraphs: one a line, blank lines dropped."""
    return [p.strip() for p in text.splitlines() if p.strip()]


def has_table(report: Report, key: str) -> bool:
    return bool({"t2": report.t2 or report.t2_local_rows, "t3": report.t3, "t4": report.t4}[key])


def grids(report: Report, template: Template | None = None) -> dict[str, Grid]:
    """The statutory tables the report prints, by key."""
    template = template or template_of(report)
    build = {"t2": t2_grid, "t3": t3_grid, "t4": t4_grid}
    return {k: build[k](report, template) for k in build if has_table(report, k)}


def document(report: Report) -> Document:
    template = template_of(report)
    tables = grids(report, template)
    numbers = [s.number for s in template.sections]
    numbers += [s.number for s in report.sections if s.number not in numbers]
    blocks: list[Block] = [Paragraph(p) for p in paragraphs(report.preamble)]
    for number in numbers:
        section = report.section(number)
        table = next((k for k, n in TABLE_SECTION.items() if n == number and k in tables), None)
        if section is None and table is None:
            continue
        official = next((s.heading for s in template.sections if s.number == number), number)
        blocks.append(Heading(number, section.heading if section else official))
        blocks += [Paragraph(p) for p in paragraphs(section.text if section else "")]
        if table:
            blocks.append(Table(tables[table]))
    return Document(title_of(report), template, blocks)

"""The report as one standalone HTML page in the official layout, ready to print on A4.

No external assets: the style sheet is inline and fonts are named, not linked, so the page opens
anywhere and the PDF writer can render it as is. Tables are real <table>s with the template's
rowspan/colspan; each cell holds exactly the printed label or figure.
"""

from __future__ import annotations

from html import escape

from ..model import Report
from .base import Writer, register
from .layout import Cell, Document, Grid, Heading, Paragraph, Table, document

# Page and type as Chinese official documents set them (GB/T 9704-2012): A4, margins 37/26/35/28 mm,
# title in 小标宋 二号 (22pt), first-level headings in 黑体 三号, body in 仿宋 三号 (16pt). Where
# those fonts are missing (servers, PDF rendering) the Noto CJK families stand in.
STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC", serif; font-size: 14pt; } }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: #000; background: #fff;
  font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", "Noto Serif CJK", serif;
  font-size: 16pt; line-height: 1.75; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Noto Serif CJK", serif;
  font-weight: bold; font-size: 22pt; line-height: 1.5; text-align: center; margin: 0 0 1em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Noto Sans CJK", sans-serif; font-weight: normal;
  font-size: 16pt; margin: 0.6em 0 0.2em; text-indent: 2em; page-break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 0.4em 0 0.8em;
  font-family: "宋体", "SimSun", "Noto Serif CJK SC", "Noto Serif CJK", serif; font-size: 10.5pt; line-height: 1.25; }
div.keep { break-inside: avoid; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 0.7mm 0.8mm; text-align: center; vertical-align: middle;
  font-weight: normal; overflow-wrap: anywhere; word-break: break-all; }
th.label { text-align: left; }
th.caption { font-weight: bold; }
@media screen { body { max-width: 156mm; margin: 2em auto; padding: 0 1em; } }
""".strip()


def _cell(cell: Cell, font_scale: float) -> str:
    tag = "th" if cell.header else "td"
    attrs = []
    if font_scale < 1 and not cell.header:
        attrs.append(f' style="font-size:{10.5 * font_scale:.1f}pt"')
    if cell.rowspan > 1:
        attrs.append(f' rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f' colspan="{cell.colspan}"')
    if cell.align == "left":
        attrs.append(' class="label"')
    elif cell.strong:
        attrs.append(' class="caption"')
    return f"<{tag}{''.join(attrs)}>{escape(cell.text, quote=False)}</{tag}>"


def table_html(grid: Grid) -> str:
    out = [f'<table data-table="{grid.key}">', "<colgroup>"]
    out += [f'<col style="width:{w * 100:.2f}%">' for w in grid.widths]
    out.append("</colgroup>")
    if grid.header_rows:
        out.append("<thead>")
    for r in range(grid.rows):
        if r == grid.header_rows and grid.header_rows:
            out.append("</thead>")
        if r == grid.header_rows:
            out.append("<tbody>")
        out.append("<tr>" + "".join(_cell(c, grid.font_scale) for c in grid.row_cells(r)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _units(doc: Document) -> list[list[str]]:
    """The blocks grouped into what must share a page: a heading with the block after it, a
    table with the block (or heading and block) before it. WeasyPrint does not reliably honour
    `break-after: avoid` on a heading before a block that moves to the next page (三、's heading
    was left alone at the foot of a page), so the groups are explicit `break-inside: avoid` boxes.
    A table longer than a page still splits, its header rows repeated."""
    units: list[list[str]] = []
    glue = False  # the last unit is a heading waiting for its first block
    for block in doc.blocks:
        if isinstance(block, Heading):
            units.append([f"<h2>{escape(block.text, quote=False)}</h2>"])
            glue = True
            continue
        if isinstance(block, Table):
            lead = units.pop() if units else []
            units.append([*lead, table_html(block.grid)])
        elif isinstance(block, Paragraph):
            html = f"<p>{escape(block.text, quote=False)}</p>"
            if glue:
                units[-1].append(html)
            else:
                units.append([html])
        glue = False
    return units


def render(doc: Document) -> str:
    body = [f"<h1>{escape(doc.title, quote=False)}</h1>"]
    for unit in _units(doc):
        body.append(
            unit[0] if len(unit) == 1 else '<div class="keep">\n' + "\n".join(unit) + "\n</div>"
        )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="gongkai">',
            f'<meta name="gongkai-template" content="{doc.template.key}">',
            f"<title>{escape(doc.title, quote=False)}</title>",
            f"<style>\n{STYLE}\n</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def write(report: Report) -> bytes:
    return render(document(report)).encode("utf-8")


register(Writer("html", "html", "text/html; charset=utf-8", write, "网页（HTML，A4 打印）"))

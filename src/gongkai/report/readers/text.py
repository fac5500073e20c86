"""Plain-text reports (UTF-8 or GB18030/GBK), in the layouts agencies and tools produce.

- cell per line: table cells on tab-indented lines, rows separated by blank lines, merged
  header cells as empty lines, a cell's text wrapped onto unindented lines (the seed report);
- grid rows: Markdown pipe tables (``| a | b |``) and tab-separated rows;
- run together: a site's page-text export (metadata lines 标题:/发布时间:…, then the page as a
  few long lines with every table row printed as its label followed by its digits, ``规章000``);
- text extracted from PDFs or by OCR, whose tables come out as lines of labels and numbers;
- one cell per line with no separator at all: a web table copied or a crawler's page text, words
  and numbers broken anywhere over lines (_cellline.py).

The reader only cuts the text into blocks; `assemble()` finds sections and maps the tables.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from ..assemble import Block, TableBlock, TextBlock, assemble
from ..errors import ReportReadError
from ..model import Report
from ..sections import match_heading, norm
from ._cellline import cell_line_blocks, looks_cell_per_line
from .base import register
from .encoding import decode_text, is_blank, looks_binary, without_bom

_META = re.compile(
    r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|索引号|来源|主题分类)\s*[:：]\s*(.*)$"
)
_BODY_MARK = re.compile(r"^=+\s*正文\s*=+$")
_PIPE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")
# A run of printed numbers (cells run together, spaces kept where the export kept them).
_NUMRUN = re.compile(r"-?\d+(?:\.\d+)?(?:[ \t\u3000]*-?\d+(?:\.\d+)?)*(?:[ \t\u3000]*(?:万元|元))?")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_STRONG = re.compile(r"^(\*\*|__)(\S.*?\S|\S)\1$")  # a line printed bold: **第二十条第（一）项**
_MD_ESCAPE = re.compile(r"^\\([#>+*|-])")  # "\#…": a line kept from reading as a heading or list
_LABEL_NO_MARKS = (".", "．", "、")  # a label's number ends with one of these ("2.其他")
_LABEL_NO = re.compile(f"[{''.join(_LABEL_NO_MARKS)}]\\s*[^\\d\\s]")


class TextReader:
    name = "text"

    def sniff(self, head: bytes) -> int:
        if (
            is_blank(head)
            or looks_binary(head)
            or head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))
        ):
            return 0
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped[:1] == b"<":
            return 3  # markup: an HTML reader should take it
        return 10

    def read(self, data: bytes, source: str) -> Report:
        # Reached through reader_for, which has already refused blank data and chose this reader
        # only because sniff found the head not binary: the binary test is not run a second time.
        # (Binary bytes read here directly still fail cleanly, in decoding or as not a report.)
        text = _decode(data, source)
        return read_text(text, source)


def _decode(data: bytes, source: str) -> str:
    body = without_bom(data)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(body) - 3:
            raise ReportReadError(source, "文件不完整：在末尾一个汉字的中间被截断") from None
    return decode_text(data, source)


def read_text(text: str, source: str) -> Report:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x0c", "\n")
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        raise ReportReadError(source, "文件为空")
    lines = text.split("\n")
    meta, start = _metadata(lines)
    body = lines[start:]
    if any(_run_together(ln) for ln in [ln for ln in body if len(ln) >= 120]):
        blocks = _runtogether_blocks(body, start)
    elif looks_cell_per_line(body):
        blocks = cell_line_blocks(
            body, start
        )  # a web table copied one cell per line (_cellline.py)
    else:
        blocks = _line_blocks(body, start)
    return assemble(blocks, source, title=meta.get("标题"), agency=meta.get("发布机构"))


_LONG_RUN = re.compile(
    r"[\u4e00-\u9fff）)]\s?\d{7,}"
)  # a label then seven digits or more: cells run together
_ANCHORS = ("第二十条第", "本年新收", "结果维持", "申请人情况", "结转下年度")


def _run_together(line: str) -> bool:
    """A line holding several tables, or one long table, printed as running text."""
    if len(line) < 120:
        return False
    anchors = 0
    for anchor in _ANCHORS:
        if anchor in line:
            anchors += 1
            if anchors == 2:
                return True  # each search scans the long line: stop as soon as the answer is known
    return anchors == 1 and (len(line) > 600 or _LONG_RUN.search(line) is not None)


def _metadata(lines: list[str]) -> tuple[dict[str, str], int]:
    """Header lines `标题: …` of a page export, and the index of the first body line."""
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and i < 30:
        line = lines[i].strip()
        m = _META.match(line)
        if m:
            if m.group(2).strip():
                meta[m.group(1)] = m.group(2).strip()
        elif _BODY_MARK.match(line):
            return meta, i + 1
        elif line and not line.startswith("页面链接"):
            break
        i += 1
    return (meta, i) if meta else ({}, 0)


# -- line layouts ---------------------------------------------------------------------------


def _cells_of(line: str) -> list[str] | None:
    """Cells of a grid row (pipe or tab separated), or None for any other line."""
    if "|" not in line and "\t" not in line:
        return None  # most lines: two quick searches instead of four copies of the line
    s = line.strip()
    if s.startswith("|") and s.count("|") >= 2:
        if _may_be_pipe_rule(s) and _PIPE_RULE.match(s):
            return []
        if "\\" in s:
            return _cleaned([c.strip() for c in _escaped_pipe_cells(s)])
        inner = s[1:-1] if s.endswith("|") else s[1:]
        return _cleaned([c.strip() for c in inner.split("|")])
    body = line.rstrip("\r\n ")
    if "\t" in body.lstrip("\t") and body.strip():
        return _cleaned([c.strip() for c in body.split("\t")])
    return None


def _may_be_pipe_rule(row: str) -> bool:
    """Cheap first test for _PIPE_RULE (a row of only bars, spaces, colons and dashes)."""
    return "-" in row or ":" in row or row.replace("|", " ").isspace()


_PIPE_OR_ESCAPE = re.compile(r"\\[\\|]|\|")


def _escaped_pipe_cells(row: str) -> list[str]:
    """Cells of a pipe row whose text may hold "\\|" (a printed bar) and "\\\\" (a backslash)."""
    cells: list[str] = []
    text: list[str] = []
    pos = 0
    for m in _PIPE_OR_ESCAPE.finditer(row):
        text.append(row[pos : m.start()])
        if m.group() == "|":
            cells.append("".join(text))
            text = []
        else:
            text.append(m.group()[1])
        pos = m.end()
    text.append(row[pos:])
    cells.append("".join(text))
    # The row's outer bars: nothing before the first, nothing (or spaces) after the last.
    return cells[1:-1] if not cells[-1].strip() else cells[1:]


# Two spaces in a row, or a tab, ideographic or no-break space.
_INNER_SPACE = re.compile(r"\s{2,}|[\t\u3000\xa0]")


def _cleaned(cells: list[str]) -> list[str]:
    """Stripped cells with inner whitespace runs made one space (rarely needed, so checked first)."""
    joined = "|".join(cells)
    # Every whitespace character but the space is unprintable, so a printable row without a
    # double space needs no regex search.
    if (not joined.isprintable() or "  " in joined) and _INNER_SPACE.search(joined):
        return [_clean(c) for c in cells]
    return cells


def _clean(cell: str) -> str:
    return " ".join(cell.split())


def _line_blocks(lines: list[str], offset: int) -> list[Block]:
    blocks: list[Block] = []
    rows: list[list[str]] = []
    row: list[str] = []
    table_line = 0
    kind = None  # "cell" (one cell per indented line) or "grid"
    prev_cell = False  # the previous line was a cell line (a wrapped cell continues on the next)

    def close_row() -> None:
        nonlocal row
        if row:
            rows.append(row)
        row = []

    def close_table() -> None:
        nonlocal rows, kind
        close_row()
        if rows:
            blocks.append(TableBlock(rows, table_line))
        rows = []
        kind = None

    for i, line in enumerate(lines):
        lineno = offset + i + 1
        # A tab-indented line holding one cell is a cell line ("\t" alone is a blank cell), but
        # inside a tab table "\t行政征收\t" is a row whose first and last cells are blank.
        if (
            line[:1] == "\t"
            and "\t" not in line[1:].rstrip("\t")
            and (kind != "grid" or "\t" not in line[1:])
        ):
            if kind != "cell":
                close_table()
                kind, table_line = "cell", lineno
            cell = line.strip()
            row.append(
                cell if cell.isalnum() else _clean(cell)
            )  # most cells: a number or a plain label
            prev_cell = True
            continue
        if not line or line.isspace():
            if kind == "cell":
                close_row()
            elif kind == "grid":
                close_table()
            prev_cell = False
            continue
        grid = _cells_of(line)
        if grid is not None:
            if kind != "grid":
                close_table()
                kind, table_line = "grid", lineno
            if grid:
                rows.append(grid)
            prev_cell = False
            continue
        if kind == "cell" and prev_cell and row:
            row[-1] = _clean(row[-1] + line.strip())  # a cell's text wrapped onto the next line
            continue
        close_table()
        prev_cell = False
        blocks.append(TextBlock(_markdown_line(line.strip()), lineno))
    close_table()
    return _split_text_tables(blocks)


def _markdown_line(line: str) -> str:
    """A line's words without the Markdown marks around them (heading, bold, escape)."""
    if line[:1] in "#*_\\":
        line = _MD_STRONG.sub(r"\2", _MD_ESCAPE.sub(r"\1", _MD_HEADING.sub("", line)))
    return line


def _split_text_tables(blocks: list[Block]) -> list[Block]:
    """Text extracted from PDFs prints table rows as lines "label 1 2 3": runs of such lines
    (a table label followed by numbers, or numbers alone) become table blocks."""
    out: list[Block] = []
    run: list[TextBlock] = []

    def flush() -> None:
        if not run:
            return
        labelled = sum(
            1
            for b in run
            if _TABLE_LINE.match(b.text.strip()) and not _ONLY_NUMBERS.match(b.text.strip())
        )
        if len(run) >= 2 and labelled >= 1:
            out.append(TableBlock([r for b in run for r in _row_of_line(b.text)], run[0].line))
        else:
            out.extend(run)
        run.clear()

    for b in blocks:
        if isinstance(b, TextBlock) and _table_line(b.text):
            run.append(b)
            continue
        flush()
        out.append(b)
    flush()
    return out


_TABLE_WORDS = (
    "规章",
    "规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
    "本年新收",
    "上年结转",
    "予以公开",
    "部分公开",
    "国家秘密",
    "禁止公开",
    "三安全一稳定",
    "第三方",
    "内部事务",
    "过程性",
    "执法案卷",
    "查询事项",
    "不掌握",
    "另行制作",
    "仍不明确",
    "信访",
    "重复申请",
    "出版物",
    "大量反复",
    "重新出具",
    "其他处理",
    "不补正",
    "缴纳费用",
    "其他",
    "总计",
    "结转下年度",
)
_ONLY_NUMBERS = re.compile(r"^-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)*$")
_SENTENCE_MARK = re.compile(r"[。；;%]")
_TABLE_LINE = re.compile(r"^(\D.*?)\s*(-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)*)$")
# A row line is a label of at most 45 characters and a few numbers; on a line of thousands of
# characters ending in digits, _TABLE_LINE's lazy label tries every start of the numbers (seconds).
_MAX_ROW_LINE = 500


def _table_line(text: str) -> bool:
    """A line printing a table row: a short table label then only numbers, or numbers alone."""
    t = text.strip()
    if len(t) <= 30 and t.startswith(("第二十条第", "信息内容")):
        return True  # a 表二 caption or header line
    if not t[-1:].isdecimal():  # both patterns end with a digit (\d is a decimal character)
        return False
    if len(t) > _MAX_ROW_LINE:
        return False
    if _ONLY_NUMBERS.match(t):
        return True
    m = _TABLE_LINE.match(t)
    if not m:
        return False
    label = norm(m.group(1))
    if len(label) > 45 or _SENTENCE_MARK.search(label) or label[:1] in "件条个次人家项年月日":
        return False
    return any(w in label for w in _TABLE_WORDS)


def _row_of_line(text: str) -> list[list[str]]:
    """A line of extracted table text as a row [label, numbers] (or [numbers])."""
    m = _TABLE_LINE.match(text.strip())
    return [[m.group(1).strip(), m.group(2)]] if m else [[text.strip()]]


# -- run-together layout --------------------------------------------------------------------


def _tokens(text: str) -> list[list[str]]:
    """Rows [label text, number run] of a stretch of table text, in order; the last row may be
    [label] alone. "00000002.其他" gives the numbers "0000000" and the label "2.其他"."""
    out: list[list[str]] = []
    label_start = 0
    for m in _NUMRUN.finditer(text):
        run = m[0]
        start, run_end = m.span()
        # (the first test is cheap and rarely true, the regex call is dear)
        if (
            text[run_end : run_end + 1] in _LABEL_NO_MARKS
            and _LABEL_NO.match(text, run_end)
            and not run.endswith("元")
        ):
            # The last digit numbers the next label ("2.其他…"): it is not a cell.
            run = run[:-1].rstrip()
            run_end = start + len(run)
            if not run:
                continue
        label = text[label_start:start].strip()
        if not label and out and out[-1][1]:
            out[-1][1] += " " + run  # two runs with nothing between: one row's numbers
        else:
            out.append([label, run])  # (a run starts and ends with a printed character)
        label_start = run_end
    tail = text[label_start:].strip()
    if tail:
        out.append([tail])
    return out


def _runtogether_blocks(lines: list[str], offset: int) -> list[Block]:
    text = "\n".join(lines)
    # Where each line starts in text: a block's line number is found by bisection instead of
    # counting the newlines before it again for every block (the text is a few long lines).
    line_starts = list(accumulate((len(ln) + 1 for ln in lines[:-1]), initial=0))

    def line_of(pos: int) -> int:
        return offset + bisect_right(line_starts, pos)

    spans = _table_spans(text)
    blocks: list[Block] = []
    pos = 0
    for start, end in spans:
        blocks.extend(_narrative_blocks(text[pos:start], line_of(pos)))
        blocks.append(TableBlock(_tokens(text[start:end]), line_of(start)))
        pos = end
    blocks.extend(_narrative_blocks(text[pos:], line_of(pos)))
    return blocks


# A section number not printed after a bracket or a digit; the look-behind comes after the numeral
# so the regex engine skips ahead to numerals (−5.7 % of read + check, docs/performance.md).
_SECTION_MARK = re.compile(r"([一二三四五六])(?<![（(\d].)\s*[、.．]")
_PEEK = 80  # a heading is recognised from the text just after its number


def _narrative_blocks(text: str, line: int) -> list[Block]:
    """Narrative cut at section headings; each heading becomes its own block."""
    out: list[Block] = []
    cuts = [0]
    for m in _SECTION_MARK.finditer(text):
        if m.start() > 0 and match_heading(text[m.start() : m.start() + _PEEK]):
            cuts.append(m.start())
    cuts.append(len(text))
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b]
        for para in piece.split("\n"):
            para = para.strip()
            if not para:
                continue
            h = match_heading(para)
            if h and h.rest:
                out.append(TextBlock(h.text, line))
                out.append(TextBlock(h.rest, line))
            else:
                out.append(TextBlock(para, line))
    return out


_T3_LAST_ROW = re.compile(r"结转下[一年]")
_T2_END_LABELS = (
    "行政事业性收费",
    "政府集中采购",
    "行政强制",
    "行政处罚",
    "行政许可",
    "其他对外管理服务事项",
    "规范性文件",
    "规章",
)


def _table_spans(text: str) -> list[tuple[int, int]]:
    """Where 表二, 表三 and 表四 lie in run-together text (start, end)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    t2 = text.find("第二十条第", pos)
    t3_anchor = min(
        (
            i
            for i in (text.find("本列数据"), text.find("申请人情况"), text.find("本年新收"))
            if i >= 0
        ),
        default=-1,
    )
    if t2 >= 0 and (t3_anchor < 0 or t2 < t3_anchor):
        limit = t3_anchor if t3_anchor >= 0 else len(text)
        # 三、 heading before the 表三 anchor ends 表二 at the latest
        end = _t2_end(text, t2, limit)
        spans.append((t2, end))
        pos = end
    if t3_anchor >= 0:
        start = t3_anchor
        while start > pos and text[start - 1] in "（(":
            start -= 1
        m = _T3_LAST_ROW.search(text, start)
        if m:
            num = _NUMRUN.search(text, m.end())
            end = num.end() if num and num.start() - m.end() < 20 else m.end()
        else:
            end = _next_heading(text, start)
        spans.append((start, end))
        pos = end
    first_upheld = text.find("结果维持", pos)
    if first_upheld >= 0:
        start = text.rfind("行政复议", pos, first_upheld)
        start = start if start >= 0 else first_upheld
        num = _NUMRUN.search(text, first_upheld)
        spans.append((start, num.end() if num else first_upheld))
    return spans


def _next_heading(text: str, start: int) -> int:
    for m in _SECTION_MARK.finditer(text, start):
        peek = text[m.start() : m.start() + _PEEK]
        if match_heading(peek) and not re.match(r"[一二三四]、(本年|上年|本年度|结转)", peek):
            return m.start()
    return len(text)


def _t2_end(text: str, start: int, limit: int) -> int:
    """表二 ends with the numbers of its last template row."""
    best = start
    for m in _NUMRUN.finditer(text, start, limit):
        before = "".join(text[max(start, m.start() - 16) : m.start()].split())
        if before.endswith(_T2_END_LABELS):
            best = m.end()
    end = best if best > start else limit
    # stop at a section heading if one comes first
    for m in _SECTION_MARK.finditer(text, start, end):
        if match_heading(text[m.start() : m.start() + _PEEK]):
            return m.start()
    return end


register(TextReader())

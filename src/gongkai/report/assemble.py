"""One way from printed blocks to a `Report`, shared by every reader.

A reader (text, HTML, DOCX, PDF, XLSX) only turns its input into a list of blocks in reading
order: paragraphs of text and tables as printed. `assemble()` finds the title, agency and year,
the preamble and the six sections of 《条例》第五十条, and maps each table's cells to the
template's machine keys by their printed labels (never by position alone), so every format is
read by the same rules. Cells that cannot be placed or read for sure are left blank (None) with
a reading finding (reading.py); nothing printed is silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import NotAReportError, ReportReadError
from .findings import Finding, Location
from .model import Report, SectionText
from .reading import SECTION_NOT_FOUND
from .sections import NUMERALS, match_heading, norm
from .tablemap import (
    CAPTION,
    Segment,
    detect_template,
    read_t2,
    read_t3,
    read_t4,
    table_kind,
    table_text,
)
from .templates.common import T3_NOTE


@dataclass
class TextBlock:
    text: str
    line: int | None = None  # 1-based line in the source, if known


@dataclass
class TableBlock:
    # Visual rows as printed; each row lists the cells that START in it (a rowspan/colspan cell
    # is not repeated); cell text whitespace-normalised; a cell may hold several run-together
    # numbers ("30 0 0 0 03").
    rows: list[list[str]]
    line: int | None = None


Block = TextBlock | TableBlock

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD = re.compile(
    r"(?:统计期限|统计周期|统计时限|统计时间)[^。]{0,20}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
)
_YEAR_DU = re.compile(r"((?:19|20)\d{2})\s*年度")
_TITLE_WORDS = ("年度报告", "年报", "工作报告")
_TITLE_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")
_AGENCY_CUT = re.compile(r"(?:关于)?(?:(?:19|20)\d{2}\s*年度?)")


@dataclass
class _Section:
    number: str
    heading: str
    texts: list[str] = field(default_factory=list)


def assemble(
    blocks: list[Block], source: str, title: str | None = None, agency: str | None = None
) -> Report:
    """Build the Report that `blocks` print. `title`/`agency` are known metadata, if any."""
    findings: list[Finding] = []
    preamble: list[str] = []
    sections: list[_Section] = []
    tables: list[tuple[str, list[TableBlock], str | None]] = []  # (kind, blocks, section number)
    table_texts: list[str] = []  # table_text of each block in `tables`, in order

    current: _Section | None = None
    last_block_is_table = False
    seen_title = title is not None
    last_kind: str | None = None
    recent: list[str] = []  # text printed since the last table or heading (a table's caption)
    for block in blocks:
        if isinstance(block, TableBlock):
            rows = [r for r in block.rows if "".join(r).strip()]
            if not rows:
                continue
            last_block_is_table = True
            furniture = _table_furniture(recent)
            printed = current.texts if current else preamble
            if furniture and printed[-len(furniture) :] == furniture:
                # Printed just above the table (a Markdown caption line, the 表三 note as a
                # paragraph), it is part of the table, not narrative.
                del printed[-len(furniture) :]
                rows = [[t] for t in furniture] + rows
            text = table_text(rows)
            kind = table_kind(text) or (
                table_kind(text + table_text([[t] for t in recent[-8:]])) if recent else None
            )
            section_no = current.number if current else None
            if kind is None and last_kind is not None:
                kind = last_kind  # a table continued past a page break or a repeated header
            if kind is None and tables and tables[-1][2] == section_no:
                kind = tables[-1][0]  # the same table, split by a caption or page text
            recent = []
            if kind is None:
                # A layout table that is not a report table: its words are narrative.
                _add_text(current, preamble, " ".join(c for r in rows for c in r if c.strip()))
                continue
            table_texts.append(text)
            if tables and tables[-1][0] == kind and tables[-1][2] == section_no:
                tables[-1][1].append(TableBlock(rows, block.line))
            else:
                tables.append((kind, [TableBlock(rows, block.line)], section_no))
            last_kind = kind
            continue
        text = block.text.strip()
        if not text:
            continue
        last_block_is_table = False
        heading = match_heading(text)
        if heading and (
            current is None or NUMERALS.index(heading.number) > NUMERALS.index(current.number)
        ):
            current = _Section(heading.number, heading.text)
            sections.append(current)
            last_kind = None
            recent = []
            if heading.rest:
                current.texts.append(heading.rest)
            continue
        if text == "正文" and current is None and not preamble:
            continue  # the body marker of a page export
        if (
            not seen_title
            and current is None
            and any(w in text for w in _TITLE_WORDS)
            and len(text) <= 80
        ):
            # A title wrapped over two lines (PDF text): join the short line printed before it.
            while preamble and (
                preamble[-1] in ("正文",)
                or (
                    len(preamble) == 1
                    and len(preamble[-1]) <= 40
                    and not preamble[-1].endswith("。")
                )
            ):
                head = preamble.pop()
                text = text if head == "正文" else head + text
            if not preamble:
                title = text
                seen_title = True
                continue
        last_kind = None
        recent.append(text)
        _add_text(current, preamble, text)

    if not sections and not tables:
        raise NotAReportError(
            source,
            "不是政府信息公开工作年度报告：既没有找到一至六节的标题，也没有找到表二、表三、表四",
        )

    kinds = {k for k, _, _ in tables}
    if not sections and not ({"t3", "t4"} & kinds):
        raise NotAReportError(
            source, "不是政府信息公开工作年度报告：没有找到章节标题，也没有找到表三、表四"
        )

    present = {s.number for s in sections}
    if sections and last_block_is_table and not present & {"五", "六"}:
        last = {"t2": "表二", "t3": "表三", "t4": "表四"}[tables[-1][0]] if tables else "表格"
        raise ReportReadError(source, f"文件不完整：在{last}处结束，缺少其后的内容（第五、六节）")

    narrative = "\n".join([*preamble, *(t for s in sections for t in s.texts)])
    year = _year(title, narrative)
    template = detect_template("".join(table_texts), year)

    report = Report(
        agency=_agency(title) or agency or _agency_in_narrative(sections),
        year=year,
        template=template,
        title=title,
        preamble="\n".join(preamble),
        sections=[SectionText(s.number, s.heading, "\n".join(s.texts)) for s in sections],
        source=source,
    )
    for kind, tbs, _section in tables:
        segments = [seg for tb in tbs for seg in Segment.from_rows(tb.rows, tb.line, kind)]
        if kind == "t2":
            read_t2(report, segments, findings)
        elif kind == "t3":
            read_t3(report, segments, findings)
        else:
            read_t4(report, segments, findings)

    # Tables not read are reported by completeness.note_unread, for every reader alike.
    for number in NUMERALS:
        if number not in present:
            findings.append(
                SECTION_NOT_FOUND.finding(f"没有找到第{number}节的标题。", Location(section=number))
            )
    report.read_findings = findings
    return report


# A 表二 sub-table's caption (第二十条第（一）项) or the 表三 column note (its brackets and second
# comma optional), printed on a line of its own. Both hold 第, which no other character turns
# into under NFKC: a line without it is tested without normalising it.
_FURNITURE = re.compile(
    f"{CAPTION.pattern}|\\(?{re.escape(norm(T3_NOTE)[1:-1]).replace(',', ',?')}\\)?"
)


def _table_furniture(recent: list[str]) -> list[str]:
    """The lines at the end of `recent` (text printed just before a table) that belong to it."""
    n = 0
    while n < len(recent) and "第" in recent[-1 - n] and _FURNITURE.fullmatch(norm(recent[-1 - n])):
        n += 1
    return recent[len(recent) - n :]


def _add_text(current: _Section | None, preamble: list[str], text: str) -> None:
    (current.texts if current else preamble).append(text)


def _year(title: str | None, narrative: str) -> int | None:
    for pattern, text in (
        (_YEAR_IN_TITLE, title or ""),
        (_PERIOD, narrative),
        (_YEAR_DU, narrative),
        (_YEAR_IN_TITLE, narrative[:2000]),
    ):
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


# A government named as the subject of section 一's first sentence (“2020年度，北京市东城区以…”,
# “2023年，某某县人民政府坚持…”): place names (two or more characters then 省/市/区/县…), then
# optionally the body (人民政府, …局, …委员会, …办公室), then a verb that starts the predicate.
# “我局”, “全区”, “区行政审批局” (an abbreviation) name no one and do not match.
_PLACE = r"[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|州|盟|区|县|旗|镇|乡|街道)"
_BODY = (
    r"人民政府(?:办公厅|办公室)?|[\u4e00-\u9fff]{1,12}?(?:局|委员会|管委会|办公室|办公厅|办事处|厅)"
)
_PREDICATE = (
    "以|坚持|严格|认真|深入|全面|围绕|始终|紧紧|进一步|持续|不断|高度|按照|立足|聚焦|着力|扎实|积极"
)
_NARRATIVE_AGENCY = re.compile(
    rf"(?:(?:19|20)\d{{2}}\s*年度?\s*[，,]\s*)?((?:{_PLACE})+(?:{_BODY})?)(?:{_PREDICATE})"
)
_NOT_A_NAME = ("我", "本", "全", "各", "该", "在", "今年", "上年")


def _agency_in_narrative(sections: list[_Section]) -> str | None:
    """The agency a report without one in its title names at the start of section 一."""
    first = next((s for s in sections if s.number == "一"), None)
    if first is None or not first.texts:
        return None
    m = _NARRATIVE_AGENCY.match(norm(first.texts[0][:80]))
    if m is None or m.group(1).startswith(_NOT_A_NAME):
        return None
    return m.group(1)


def _agency(title: str | None) -> str | None:
    if not title:
        return None
    t = _TITLE_YEAR.sub("", norm(title))
    m = _AGENCY_CUT.search(t)
    head = t[: m.start()] if m else t.split("政府信息公开")[0]
    head = head.strip("《》〈〉:：")
    return head or None

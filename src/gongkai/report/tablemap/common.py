"""What the three tables' readers share: printed rows as segments, which table a block is,
value cells and their readings, the labels the row grouping needs, accepting a reading."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..cellmerge import line_cell_readings
from ..cellsplit import (
    Constraint,
    SplitResult,
    chunks_of,
    obeys_all,
    parse_number,
    satisfied,
    split_cells,
    to_numbers,
)
from ..findings import Finding, Location
from ..reading import (
    AMBIGUOUS_CELLS,
    NO_CONSISTENT_SPLIT,
    UNPLACED_CELLS,
    UNREADABLE_CELL,
)
from ..sections import norm
from ..templates import TEMPLATE_2019, TEMPLATE_2021, TEMPLATES, template_for_year

Number = int | float

# Digits, signs, points, commas and spaces, at least one digit, then perhaps a unit. The digit is
# asserted by a lookahead: "[…]*\d[…]*" backtracks over every digit of a long run that fails.
_VALUE = re.compile(r"(?=[-−－.,\s]*\d)[-−－\d.,\s]+(?:万元|元)?")
_DASHES = {"—", "——", "–", "-", "－", "/", "／", "…", "\\"}
_UNIT = re.compile(r"(?:万元|元)$")


@lru_cache(maxsize=4096)
def is_value(cell: str) -> bool:
    c = cell.strip()
    return c in _DASHES or bool(_VALUE.fullmatch(c))


@dataclass(slots=True)
class Segment:
    """One printed row: the label text that leads to it and its value cells ('' = blank)."""

    texts: list[str]
    values: list[str]
    line: int | None = None
    own: int = 0  # how many of `texts` are printed in the row itself (the rest came before it)

    @property
    def own_label(self) -> str:
        return norm("".join(self.texts[len(self.texts) - self.own :])) if self.own else ""

    @property
    def pending_label(self) -> str:
        return norm("".join(self.texts[: len(self.texts) - self.own]))

    @property
    def label(self) -> str:
        return norm("".join(self.texts))

    @property
    def raw(self) -> str:
        return " ".join(v for v in self.values if v)

    @staticmethod
    def from_rows(
        rows: list[list[str]], line: int | None = None, kind: str | None = None
    ) -> list[Segment]:
        """Rows as segments. A row whose value cells are all blank is a row of blank cells when
        its label is a row of the table (`kind`), or when it has no label and at least five
        cells (a 表四 row printed blank); otherwise its text leads to the next row."""
        out: list[Segment] = []
        pending: list[str] = []
        for row in rows:
            cells = list(map(str.strip, row))
            n = len(cells)  # cells[n:] are the values: blank or number cells at the row's end
            while n:
                c = cells[n - 1]
                if c and not (c.isdigit() and c.isascii()) and not is_value(c):
                    break
                n -= 1
            texts = cells[:n]
            if "" in texts:  # rare: a blank cell between label cells
                texts = list(filter(None, texts))
            values = cells[n:]
            if not any(values) and not _blank_row(texts, values, kind):
                pending += texts
                continue
            out.append(Segment(pending + texts if pending else texts, values, line, len(texts)))
            pending = []
        if pending:
            out.append(Segment(pending, [], line))
        return out


def _blank_row(texts: list[str], values: list[str], kind: str | None) -> bool:
    if not values:
        return False
    if not texts:
        return len(values) >= 5 and kind == "t4"
    label = norm("".join(texts))
    if kind == "t3":
        return bool(_t3_matches(label)) and len(values) >= 7
    if kind == "t2":
        # A template row or a row the agency added (行政检查), printed with blank cells; not a
        # caption or a header row, whose empty cells are only the grid's.
        return not CAPTION.search(label) and not _t2_header(label)
    return False


@lru_cache(maxsize=1)
def _t2_header_words() -> re.Pattern:
    words = {"信息内容"} | {
        _core(c.label) for t in TEMPLATES.values() for s in t.t2 for c in s.columns
    }
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _t2_header(label: str) -> bool:
    return bool(_t2_header_words().search(label))


# Whole tables are normalised without the label cache (they are different in every report).
_norm_text = norm.__wrapped__


# -- which table ----------------------------------------------------------------------------


def table_text(rows: list[list[str]]) -> str:
    """A table's words in compare form, all run together: what table_kind and detect_template
    look for labels in. Made once per table block and shared by both."""
    return _norm_text("".join(["".join(r) for r in rows]))


def table_kind(text: str) -> str | None:
    """Which report table `text` (see table_text) is, from the labels it holds."""
    if "本年新收" in text or "申请人情况" in text or ("予以公开" in text and "部分公开" in text):
        return "t3"
    if (
        "结果维持" in text
        or ("行政复议" in text and ("尚未审结" in text or "复议后起诉" in text))
        or all(w in text for w in ("维持", "纠正", "审结"))
    ):
        return "t4"
    if "第二十条" in text or "信息内容" in text or any(label in text for label in _t2_row_labels()):
        return "t2"
    return None


@lru_cache(maxsize=1)
def _t2_row_labels() -> tuple[str, ...]:
    """The 表二 row labels of every template (normalised) that are long enough to name the table."""
    return tuple(
        norm(r.label) for t in TEMPLATES.values() for s in t.t2 for r in s.rows if len(r.label) > 3
    )


def detect_template(text: str, year: int | None) -> str | None:
    """The format the tables follow, from their labels (2022 reports may still print 2019 tables);
    `text` is the table_text of every report table."""
    s19 = sum(norm(lbl) in text for lbl in TEMPLATE_2019.signature_labels)
    s21 = sum(norm(lbl) in text for lbl in TEMPLATE_2021.signature_labels)
    if s19 != s21:
        return "2019" if s19 > s21 else "2021"
    if "不补正" in text or "缴纳费用" in text:
        return "2021"
    if year:
        return template_for_year(year).key
    return None


# -- converting value cells ----------------------------------------------------------------


# Value cells that are each one plain count (no sign, no leading zero), joined by "|".
_PLAIN_COUNTS = re.compile(r"(?:0|[1-9][0-9]*)(?:\|(?:0|[1-9][0-9]*))*")
_CHUNK = re.compile(r"-?[\d.]+(?:-[\d.]+)*")
# No printed value cell (nor a row run together) is longer; a damaged file's can be, and Python
# refuses int() of more than 4300 digits.
_MAX_VALUE_CHARS = 200


def _clean_value(v: str) -> str:
    """A value cell without its unit and with ASCII minus signs; a dash cell is blank ('')."""
    if "元" in v:
        v = _UNIT.sub("", v)
    v = v.replace("−", "-").replace("－", "-").strip()
    return "" if v in _DASHES else v


def _positional(number: int | float) -> str:
    """The number as digits: str(0.000001) is '1e-06', which int() and the splitter refuse."""
    text = str(number)
    return format(Decimal(text), "f") if "e" in text else text


def _quick_reading(values: list[str], n: int, constraints: list[Constraint]) -> SplitResult | None:
    """read_values() of the common rows, without cleaning, parsing or the splitter: one plain
    count per cell, or one digit per cell run together (0000000) that adds up. The same
    result; read + check takes 6 % fewer instructions (performance.md)."""
    if len(values) == n:
        if _PLAIN_COUNTS.fullmatch("|".join(values)):
            cells = list(values)
            return SplitResult([cells], obeys_all(cells, constraints), 0)
        return None
    digits = "".join("".join(values).split())
    if len(digits) == n and digits.isdigit() and digits.isascii():
        cells = list(digits)  # the splitter's forced reading; when it adds up nothing beats it
        if obeys_all(cells, constraints):
            return SplitResult([cells], True, 0)
    return None


def read_values(values: list[str], n: int, constraints: list[Constraint]) -> SplitResult:
    """Printed value cells as `n` cells: one number per cell when they line up, else split."""
    if any(len(v) > _MAX_VALUE_CHARS for v in values):
        return SplitResult([], False, 0)  # no reading: a row finding, not a number of 5000 digits
    if len(values) != n and (read := line_cell_readings(values, n, constraints)) is not None:
        return read  # one number a cell, a number wrapped or a blank vanished (cellmerge.py)
    quick = _quick_reading(values, n, constraints)
    if quick is not None:
        return quick
    cleaned = [_clean_value(v) for v in values]
    if len(cleaned) == n:
        parsed = [None if v == "" else parse_number(v) for v in cleaned]
        if all(p is not None or v == "" for p, v in zip(parsed, cleaned, strict=True)):
            cells = [None if p is None else _positional(p) for p in parsed]
            return SplitResult(
                [cells], satisfied(cells, constraints) == len(constraints), cells.count(None)
            )
    chunks = [c.replace(",", "") for c in chunks_of([v for v in cleaned if v])]
    if not chunks:
        return SplitResult([[None] * n], True, n)
    if not all(map(_CHUNK.fullmatch, chunks)):
        return SplitResult([], False, 0)
    return split_cells(chunks, n, constraints)


# -- labels shared by the tables' readers and the row grouping -------------------------------

# A 表二 sub-table's caption as printed (normalised); shared with the assembler.
CAPTION = re.compile(r"第二十条第\(([一二三四五六七八九十]+)\)项")


def _core(label: str) -> str:
    return norm(label).split("(")[0]


_T3_PATTERNS: list[tuple[str, re.Pattern]] = [
    (key, re.compile(p))
    for key, p in (
        ("new_received", r"本年度?新收"),  # "本年度新收" too (putian-mzj-2020)
        ("carried_over_from_last_year", r"上年度?结转"),
        ("granted", r"予以公开"),
        ("partially_granted", r"部分公开"),
        ("denied.state_secret", r"国家秘密"),
        ("denied.law_prohibited", r"禁止公开"),
        ("denied.three_securities_one_stability", r"三安全一稳定|危及"),
        ("denied.third_party_rights", r"第三方"),
        ("denied.internal_affairs", r"内部事务"),
        ("denied.process_info", r"过程性"),
        ("denied.enforcement_case_file", r"执法案卷"),
        ("denied.administrative_inquiry", r"查询事项"),
        ("unable.not_held", r"不掌握"),
        ("unable.needs_creation", r"另行制作|没有现成"),
        ("unable.unclear_after_correction", r"仍不明确|补正后"),
        ("not_processed.petition_complaint", r"信访|举报投诉"),
        ("not_processed.duplicate", r"重复申请"),
        ("not_processed.publication", r"出版物"),
        ("not_processed.excessive", r"大量反复"),
        ("not_processed.confirm_or_reissue", r"重新出具|确认或"),
        ("other", r"其他处理"),
        ("other.no_correction", r"不补正"),
        ("other.fee_not_paid", r"缴纳费用|收费通知"),
        ("other.other", r"3[.、]?其他(?!法律|处理|结果|组织)"),
        ("results_total", r"总计"),
        ("carried_to_next_year", r"结转下年度|结转下一年"),
    )
]


@lru_cache(maxsize=2048)
def _t3_matches(label: str) -> tuple[tuple[int, str], ...]:
    """(end position, key) of every row label printed in `label`."""
    out = []
    for key, pattern in _T3_PATTERNS:
        for m in pattern.finditer(label):
            out.append((m.end(), key))
    return tuple(sorted(out))


# -- accepting a reading ------------------------------------------------------------------


def _accept(
    result: SplitResult,
    seg: Segment,
    findings: list[Finding],
    where: str,
    loc: Location,
    n: int,
    sums: str | None = None,
) -> list[Number | None]:
    """The cells of a row's single best reading; else the cells all readings agree on, the rest
    left blank with a finding. `sums` names the relation the row must obey: when no reading
    obeys it, the published row is wrong whichever reading is right, and that is reported."""
    if result.unique is not None:
        return to_numbers(result.unique)
    if not result.candidates or result.truncated:
        if result.truncated:
            findings.append(
                AMBIGUOUS_CELLS.finding(
                    f"{where}的数字连在一起印作“{seg.raw}”，读法太多，无法确定，已留空，请核对原表。",
                    loc,
                    actual=seg.raw,
                )
            )
        else:
            findings.append(
                UNREADABLE_CELL.finding(
                    f"{where}的数字“{seg.raw}”无法读成 {n} 个单元格，已留空，请核对原表。",
                    loc,
                    actual=seg.raw,
                )
            )
        return [None] * n
    findings.append(
        AMBIGUOUS_CELLS.finding(
            f"{where}的数字连在一起印作“{seg.raw}”，可拆分为 {len(result.candidates)} 种读法"
            f"（如 {' / '.join(_show(c) for c in result.candidates[:3])}），无法确定，已将不确定的单元格留空。",
            loc,
            actual=seg.raw,
        )
    )
    if sums and not result.consistent:
        _no_consistent_split(findings, where, seg.raw, sums, loc)
    return to_numbers(_agreed(result.candidates))


def _no_consistent_split(
    findings: list[Finding], where: str, raw: str, sums: str, loc: Location
) -> None:
    findings.append(
        NO_CONSISTENT_SPLIT.finding(
            f"{where}印作“{raw}”，无论怎样拆分都不满足“{sums}”：原表这一行的数字本身有误，请核对原表。",
            loc,
            actual=raw,
        )
    )


def _dashes(seg: Segment, findings: list[Finding], where: str, loc: Location) -> None:
    """Cells printed as a dash or slash are read as blank, and said so."""
    marks = sorted({v for v in seg.values if v in _DASHES})
    if marks:
        findings.append(
            UNREADABLE_CELL.finding(
                f"{where}有单元格印作“{'”“'.join(marks)}”而不是数字，按空白读入（不读作 0），请核对原表。",
                loc,
                actual=seg.raw,
            )
        )


def _agreed(candidates: list[list[str | None]]) -> list[str | None]:
    if len(candidates) == 1:
        return candidates[0]  # the common 表四: one reading, nothing to compare
    return [
        col[0] if col.count(col[0]) == len(col) else None for col in zip(*candidates, strict=True)
    ]


def _show(cells: list[str | None]) -> str:
    return " ".join("空" if c is None else c for c in cells)


def _unplaced(findings: list[Finding], table: str, seg: Segment) -> None:
    findings.append(
        UNPLACED_CELLS.finding(
            f"{table}中“{''.join(seg.texts)[-30:]}”后的数字“{seg.raw}”无法对应到模板的行，未读入。",
            Location(table=table, line=seg.line, text=seg.raw),
            actual=seg.raw,
        )
    )

"""Mapping printed table cells to the template's keys by their labels (used by assemble()).

Tables arrive as visual rows of cell strings. A row's text cells are its label (joined with the
text of label-only rows before it: group cells, captions, headers); its trailing number cells are
its values. Labels are compared after `norm()` (full-width → ASCII, no spaces or quotes), so
“（三）不予\\n公开” and "(三)不予 公开" are the same label.

表三/表四 values that run together are split with the arithmetic the tables must obey
(cellsplit.py): every 表三 row's 总计 is the sum of the six applicant columns, the outcome rows add
up to （七）总计, 新收＋上年结转＝办理结果总计＋结转下年度 (表三 header note), and every 表四 total is the
sum of its four parts. A reading is accepted only when it is the single best one; published
tables do contain genuine errors, so a row whose own sum is broken is still read when its digits
allow one reading only, and column sums may decide between readings of such a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import product

from .cellsplit import (
    Constraint,
    SplitResult,
    chunks_of,
    obeys_all,
    parse_number,
    satisfied,
    split_cells,
    to_numbers,
)
from .findings import Finding, Location
from .model import T2, T2_LAYOUT, T3, T3_ROW_KEYS, T4, LocalRow, Report
from .rules import labels
from .rules.reading import (
    AMBIGUOUS_CELLS,
    NO_CONSISTENT_SPLIT,
    ROW_NOT_FOUND,
    ROW_WITHOUT_CELLS,
    UNPLACED_CELLS,
    UNREADABLE_CELL,
)
from .sections import norm
from .templates import TEMPLATE_2019, TEMPLATE_2021, TEMPLATES, template_for_year
from .templates.common import SUBROW

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
    def from_rows(rows: list[list[str]], line: int | None = None, kind: str | None = None) -> list[Segment]:
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
    words = {"信息内容"} | {_core(c.label) for t in TEMPLATES.values() for s in t.t2 for c in s.columns}
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
    if "结果维持" in text or ("行政复议" in text and ("尚未审结" in text or "复议后起诉" in text)) or all(w in text for w in ("维持", "纠正", "审结")):
        return "t4"
    if "第二十条" in text or "信息内容" in text or any(label in text for label in _t2_row_labels()):
        return "t2"
    return None


@lru_cache(maxsize=1)
def _t2_row_labels() -> tuple[str, ...]:
    """The 表二 row labels of every template (normalised) that are long enough to name the table."""
    return tuple(norm(r.label) for t in TEMPLATES.values() for s in t.t2 for r in s.rows if len(r.label) > 3)


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


def read_values(values: list[str], n: int, constraints: list[Constraint]) -> SplitResult:
    """Printed value cells as `n` cells: one number per cell when they line up, else split."""
    if any(len(v) > _MAX_VALUE_CHARS for v in values):
        return SplitResult([], False, 0)  # no reading: a row finding, not a number of 5000 digits
    if len(values) == n:
        if _PLAIN_COUNTS.fullmatch("|".join(values)):
            cells = list(values)  # the common case: one plain count per cell
            return SplitResult([cells], obeys_all(cells, constraints), 0)
    else:
        digits = "".join("".join(values).split())
        if len(digits) == n and digits.isdigit() and digits.isascii():
            # A row printed run together with exactly one digit per cell (0000000, 0 0 0 00 0 0):
            # the splitter's first reading, and when it adds up nothing can beat it.
            cells = list(digits)
            if obeys_all(cells, constraints):
                return SplitResult([cells], True, 0)
    cleaned = [_clean_value(v) for v in values]
    if len(cleaned) == n:
        parsed = [None if v == "" else parse_number(v) for v in cleaned]
        if all(p is not None or v == "" for p, v in zip(parsed, cleaned, strict=True)):
            cells = [None if p is None else _positional(p) for p in parsed]
            return SplitResult([cells], satisfied(cells, constraints) == len(constraints), cells.count(None))
    chunks = [c.replace(",", "") for c in chunks_of([v for v in cleaned if v])]
    if not chunks:
        return SplitResult([[None] * n], True, n)
    if not all(map(_CHUNK.fullmatch, chunks)):
        return SplitResult([], False, 0)
    return split_cells(chunks, n, constraints)


# -- 表二 -----------------------------------------------------------------------------------

T2_SUBS = tuple(T2_LAYOUT)
# A 表二 sub-table's caption as printed (normalised); shared with the assembler.
CAPTION = re.compile(r"第二十条第\(([一二三四五六七八九十]+)\)项")
_SUBROW = norm(SUBROW).rstrip(":")  # "其中", with or without its colon
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _core(label: str) -> str:
    return norm(label).split("(")[0]


@lru_cache(maxsize=16)
def _t2_rows(sub: str) -> list[tuple[str, str]]:
    """(normalised label, key) of every row either template prints in a sub-table, longest first."""
    out = {}
    for t in (TEMPLATE_2021, TEMPLATE_2019):
        for s in t.t2:
            if s.key == sub:
                for r in s.rows:
                    out[norm(r.label)] = r.key
    if sub == "art20_1":
        out["规范性文件"] = "normative_documents"
    return sorted(out.items(), key=lambda kv: -len(kv[0]))


def _rightmost(text: str, pairs: list[tuple[str, str]]) -> tuple[str, int, int] | None:
    best = None
    for label, key in pairs:
        i = text.rfind(label)
        if i >= 0 and (best is None or i + len(label) > best[2] or (i + len(label) == best[2] and i < best[1])):
            best = (key, i, i + len(label))
    return best


@lru_cache(maxsize=1024)
def _t2_columns(sub: str, header: str, template: str | None) -> tuple[tuple[str, ...], int]:
    """Column keys of a sub-table from its printed header (extra words allowed), and where the
    header ends in `header`."""
    scores = []
    for t in (TEMPLATE_2021, TEMPLATE_2019):
        try:
            s = t.subtable(sub)
        except StopIteration:
            continue
        hits = [_header_hit(header, c.label) for c in s.columns]
        found = [h for h in hits if h[0] >= 0]
        end = max((i + n for i, n in found), default=0)
        scores.append((len(found), len(found) / len(s.columns), t.key == template, tuple(c.key for c in s.columns), end))
    if not scores:
        return (), 0
    best = max(scores, key=lambda s: s[:3])
    return best[3], best[4]


def _header_hit(header: str, label: str) -> tuple[int, int]:
    """Where a column label is printed in a header and how long it is there: its core words,
    with the unit the template prints after them ("（单位：万元）") when that follows too, so
    the unit is not read as the label of the row below."""
    core = _core(label)
    i = header.rfind(core)
    full = norm(label)
    return (i, len(full)) if i >= 0 and header.startswith(full, i) else (i, len(core))


def _t2_sub_of(label: str) -> str | None:
    for t in (TEMPLATE_2021, TEMPLATE_2019):
        for s in t.t2:
            if any(norm(r.label) in label for r in s.rows):
                return s.key
    return None


def read_t2(report: Report, segments: list[Segment], findings: list[Finding]) -> None:
    template = report.template
    sub: str | None = None
    cols: tuple[str, ...] = ()
    open_parent: str | None = None
    last_row: str | None = None  # the template row read last with figures: what "其中：" breaks down
    for seg in segments:
        label = seg.label
        captions = list(CAPTION.finditer(label)) if "第二十条" in label else []  # the test is cheaper than the scan
        rest = label
        if captions:
            number = _CN.get(captions[-1].group(1))
            sub = f"art20_{number}"
            rest = label[captions[-1].end() :]
            cols, _ = _t2_columns(sub, rest, template)
            open_parent = last_row = None
        elif sub is None or not any(lbl in label for lbl, _ in _t2_rows(sub)):
            guessed = _t2_sub_of(label)
            if guessed and guessed != sub:
                sub, open_parent, last_row = guessed, None, None
                cols, _ = _t2_columns(sub, label, template)
        if sub is None:
            if seg.values:
                _unplaced(findings, "表二", seg)
            continue
        header_cols, header_end = _t2_columns(sub, rest, template)
        if header_end:
            cols = header_cols
            rest = rest[header_end:]
        if not cols:
            cols, _ = _t2_columns(sub, "", template)
        rest = rest.replace("信息内容", "", 1) if rest.startswith("信息内容") else rest
        found = _rightmost(rest, _t2_rows(sub))
        local_label = ""
        row_key = None
        if found:
            row_key = found[0]
            local_label = rest[found[2] :].strip()
        else:
            local_label = rest.strip()
        subrow = local_label.startswith(_SUBROW)
        if subrow:
            local_label = local_label[len(_SUBROW) :].lstrip(":")
        if not seg.values:
            if row_key and not local_label:
                open_parent, last_row = row_key, None
            continue
        if not _DASHES.isdisjoint(seg.values):
            _dashes(seg, findings, f"表二{_caption(sub)}「{local_label or (rest[found[1] : found[2]] if found else '')}」行", Location(section="二", table=T2, row=row_key or local_label, line=seg.line))
        result = read_values(seg.values, len(cols), [])
        if row_key and not local_label:
            if result.unique is not None:
                cells = to_numbers(result.unique)  # what _accept gives, without the finding's words
            else:
                where = f"表二{_caption(sub)}「{rest[found[1] : found[2]]}」行"
                cells = _accept(result, seg, findings, where, Location(section="二", table=T2, row=row_key, line=seg.line), len(cols))
            rows = report.t2.setdefault(sub, {})
            if row_key not in rows:
                rows[row_key] = dict(zip(cols, cells, strict=True))
            open_parent, last_row = None, row_key
        elif local_label:
            parent = row_key or (last_row if subrow else open_parent)
            if row_key:
                open_parent = row_key
            where = f"表二{_caption(sub)}「{local_label}」行"
            cells = _accept(result, seg, findings, where, Location(section="二", table=T2, row=local_label, line=seg.line), len(cols))
            report.t2_local_rows.append(LocalRow(sub, local_label, parent, dict(zip(cols, cells, strict=True))))
        else:
            _unplaced(findings, "表二", seg)


def _caption(sub: str) -> str:
    return f"第二十条第（{'一二三四五六七八九十'[int(sub.split('_')[1]) - 1]}）项"


def _template(key: str | None):
    return TEMPLATES.get(key or "2021", TEMPLATE_2021)


def _accept(
    result: SplitResult, seg: Segment, findings: list[Finding], where: str, loc: Location, n: int, sums: str | None = None
) -> list[Number | None]:
    """The cells of a row's single best reading; else the cells all readings agree on, the rest
    left blank with a finding. `sums` names the relation the row must obey: when no reading
    obeys it, the published row is wrong whichever reading is right, and that is reported."""
    if result.unique is not None:
        return to_numbers(result.unique)
    if not result.candidates or result.truncated:
        if result.truncated:
            findings.append(
                AMBIGUOUS_CELLS.finding(f"{where}的数字连在一起印作“{seg.raw}”，读法太多，无法确定，已留空，请核对原表。", loc, actual=seg.raw)
            )
        else:
            findings.append(
                UNREADABLE_CELL.finding(f"{where}的数字“{seg.raw}”无法读成 {n} 个单元格，已留空，请核对原表。", loc, actual=seg.raw)
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


def _no_consistent_split(findings: list[Finding], where: str, raw: str, sums: str, loc: Location) -> None:
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
                f"{where}有单元格印作“{'”“'.join(marks)}”而不是数字，按空白读入（不读作 0），请核对原表。", loc, actual=seg.raw
            )
        )


def _agreed(candidates: list[list[str | None]]) -> list[str | None]:
    if len(candidates) == 1:
        return candidates[0]  # the common 表四: one reading, nothing to compare
    return [col[0] if col.count(col[0]) == len(col) else None for col in zip(*candidates, strict=True)]


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


# -- 表三 -----------------------------------------------------------------------------------

_T3_PATTERNS: list[tuple[str, re.Pattern]] = [
    (key, re.compile(p))
    for key, p in (
        ("new_received", r"本年新收"),
        ("carried_over_from_last_year", r"上年结转"),
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
_ORDER = {k: i for i, k in enumerate(T3_ROW_KEYS)}
_T3_COLS = TEMPLATE_2021.t3_column_keys
_ROW_SUM: list[Constraint] = [((0, 1, 2, 3, 4, 5), 6)]
_HEAD = ("new_received", "carried_over_from_last_year", "results_total", "carried_to_next_year")


@lru_cache(maxsize=2048)
def _t3_matches(label: str) -> tuple[tuple[int, str], ...]:
    """(end position, key) of every row label printed in `label`."""
    out = []
    for key, pattern in _T3_PATTERNS:
        for m in pattern.finditer(label):
            out.append((m.end(), key))
    return tuple(sorted(out))


def _t3_order(template: str | None) -> list[str]:
    if template == "2019":
        return list(TEMPLATE_2019.t3_row_keys)
    keys = list(TEMPLATE_2021.t3_row_keys)
    return keys


def read_t3(report: Report, segments: list[Segment], findings: list[Finding]) -> None:
    """Rows are found by their printed labels; a row of numbers printed apart from its label
    (text extracted from PDFs) takes the earliest label printed before it that is still unread,
    else the next row of the template's order."""
    order = _t3_order(report.template)
    rank = {k: i for i, k in enumerate(order)}  # each row's place in the template's order
    results: dict[str, tuple[SplitResult, Segment]] = {}
    last = -1
    for seg in segments:
        if not seg.values:
            continue
        own = _t3_matches(seg.own_label)
        if own:
            key = own[-1][1]
        else:
            pending = [k for _, k in _t3_matches(seg.pending_label) if rank.get(k, -1) > last and k not in results]
            following = [k for k in order[last + 1 :] if k not in results]
            key = min(pending, key=rank.__getitem__) if pending else (following[0] if following else None)
            if key is None:
                _unplaced(findings, "表三", seg)
                continue
        if key in results:
            _unplaced(findings, "表三", seg)
            continue
        # Row labels printed in this row's own cell before its label, without numbers: the
        # page printed those rows without cells (e.g. "2.申请人逾期…3.其他（七）总计1000001").
        index = rank[key] if key in rank else _ORDER[key]
        for _, other in own[:-1]:
            if last < rank.get(other, -1) < index and other not in results and other not in report.t3:
                report.t3[other] = dict.fromkeys(_T3_COLS)
                findings.append(
                    ROW_WITHOUT_CELLS.finding(
                        f"表三「{labels.t3_row(other)}」行只印了行名，没有印出数字，按空白读入。",
                        Location(section="三", table=T3, row=other, line=seg.line),
                    )
                )
        if not _DASHES.isdisjoint(seg.values):
            _dashes(seg, findings, f"表三「{labels.t3_row(key)}」行", Location(section="三", table=T3, row=key, line=seg.line))
        results[key] = (read_values(seg.values, 7, _ROW_SUM), seg)
        if key in rank:
            last = rank[key]

    decided = _resolve_t3(results)
    for key, (result, seg) in results.items():
        if key in decided:
            report.t3[key] = dict(zip(_T3_COLS, to_numbers(decided[key]), strict=True))
        else:
            loc = Location(section="三", table=T3, row=key, line=seg.line)
            where = f"表三「{labels.t3_row(key)}」行"
            cells = _accept(result, seg, findings, where, loc, 7, "总计＝六类申请人之和")
            report.t3[key] = dict(zip(_T3_COLS, cells, strict=True))
    if report.t3:
        template = _template(report.template)
        for row in template.t3_rows:
            if row.key not in report.t3 and not (row.key.startswith("other") and any(k.startswith("other") for k in report.t3)):
                findings.append(
                    ROW_NOT_FOUND.finding(f"表三中没有找到「{labels.t3_row(row.key)}」行。", Location(section="三", table=T3, row=row.key))
                )


def _column_constraints(keys: list[str]) -> list[tuple[list[str], str | None, list[str]]]:
    """Per-column relations between rows: (rows summed, their total row, other side rows)."""
    leaves = [k for k in keys if k not in _HEAD]
    rel = []
    if "results_total" in keys and leaves:
        rel.append((leaves, "results_total", []))
    if all(k in keys for k in _HEAD):
        rel.append((["new_received", "carried_over_from_last_year"], None, ["results_total", "carried_to_next_year"]))
    return rel


def _resolve_t3(results: dict[str, tuple[SplitResult, Segment]]) -> dict[str, list[str | None]]:
    """Pick one reading per row: unique readings stand; rows with several readings are decided by
    the column relations when exactly one combination satisfies the most of them."""
    decided: dict[str, list[str | None]] = {}
    open_rows: dict[str, list[list[str | None]]] = {}
    for k, (r, _) in results.items():
        unique = r.unique
        if unique is not None:
            decided[k] = unique
        elif r.candidates and not r.truncated:
            open_rows[k] = r.candidates
    if not open_rows:
        return decided
    total = 1
    for c in open_rows.values():
        total *= len(c)
    if total > 3000:
        return decided  # too many combinations to weigh: the rows stay blank with a finding
    keys = list(results)
    rels = _column_constraints(keys)
    names = list(open_rows)
    # Each reading as numbers (blank = 0) and whether its own row adds up, worked out once.
    fixed = {k: _numbers(c) for k, c in decided.items()}
    choices = [[(c, _numbers(c), satisfied(c, _ROW_SUM)) for c in open_rows[n]] for n in names]
    scored = []
    for combo in product(*choices):
        rows = dict(fixed)
        rows.update(zip(names, (nums for _, nums, _ in combo), strict=True))
        score = sum(own for _, _, own in combo) + _columns_adding_up(rows, rels)
        scored.append((score, [cells for cells, _, _ in combo]))
    best = max(s for s, _ in scored)
    winners = [c for s, c in scored if s == best]
    for i, name in enumerate(names):
        options = {tuple(w[i]) for w in winners}
        if len(options) == 1:
            decided[name] = list(winners[0][i])
    return decided


_NO_ROW = (0,) * 7


def _numbers(cells: list[str | None]) -> tuple[Number, ...]:
    return tuple(0 if c is None else float(c) if "." in c else int(c) for c in cells)


def _column_sums(rows: dict[str, tuple[Number, ...]], keys: list[str]) -> list[Number]:
    return [sum(col) for col in zip(*(rows.get(k, _NO_ROW) for k in keys), strict=True)]


def _columns_adding_up(rows: dict[str, tuple[Number, ...]], rels) -> int:
    """How many (column, relation) pairs hold: a row not printed counts as zeros."""
    score = 0
    for left, total, right in rels:
        lsum = _column_sums(rows, left)
        rsum = rows.get(total, _NO_ROW) if total else _column_sums(rows, right)
        score += sum(1 for a, b in zip(lsum, rsum, strict=True) if a == b)
    return score


# -- 表四 -----------------------------------------------------------------------------------

_T4_GROUPS = TEMPLATE_2021.t4_group_keys
_T4_COLS = TEMPLATE_2021.t4_column_keys
_T4_SUMS: list[Constraint] = [((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14)]
_GROUP_WORDS = (("litigation_after_review", "复议后起诉"), ("litigation_direct", "直接起诉"), ("review", "行政复议"))


def read_t4(report: Report, segments: list[Segment], findings: list[Finding]) -> None:
    valued = [s for s in segments if s.values]
    if not valued:
        return
    # Tables printed one group per row (label then five numbers).
    by_group: dict[str, Segment] = {}
    for seg in valued:
        lbl = seg.label
        hits = [(lbl.rfind(w), g) for g, w in _GROUP_WORDS if w in lbl]
        if len(valued) == 3 and hits:
            by_group[max(hits)[1]] = seg
    if len(by_group) == 3:
        for g, seg in by_group.items():
            result = read_values(seg.values, 5, [_T4_SUMS[0]])
            where = f"表四「{labels.t4_group(g)}」"
            cells = _accept(result, seg, findings, where, Location(section="四", table=T4, row=g, line=seg.line), 5)
            report.t4[g] = dict(zip(_T4_COLS, cells, strict=True))
        return
    for s in valued:
        if not _DASHES.isdisjoint(s.values):
            _dashes(s, findings, "表四", Location(section="四", table=T4, line=s.line))
    values = [v for s in valued for v in s.values]
    seg = Segment([t for s in valued for t in s.texts], values, valued[0].line)
    result = read_values(values, 15, _T4_SUMS)
    if not result.candidates or result.truncated:
        rule, what = (AMBIGUOUS_CELLS, "读法太多，无法确定") if result.truncated else (UNREADABLE_CELL, "无法读成 15 个单元格")
        for g in _T4_GROUPS:
            findings.append(
                rule.finding(f"表四「{labels.t4_group(g)}」：数字“{seg.raw}”{what}，已留空，请核对原表。", Location(section="四", table=T4, row=g, line=seg.line), actual=seg.raw)
            )
        for g in _T4_GROUPS:
            report.t4[g] = dict.fromkeys(_T4_COLS)
        return
    agreed = _agreed(result.candidates)
    for i, g in enumerate(_T4_GROUPS):
        cells = agreed[i * 5 : i * 5 + 5]
        if None in cells and len({tuple(c[i * 5 : i * 5 + 5]) for c in result.candidates}) > 1:
            findings.append(
                AMBIGUOUS_CELLS.finding(
                    f"表四「{labels.t4_group(g)}」的数字连在一起印作“{seg.raw}”，可拆分为多种读法"
                    f"（如 {' / '.join(_show(c[i * 5 : i * 5 + 5]) for c in result.candidates[:3])}），无法确定，已留空。",
                    Location(section="四", table=T4, row=g, line=seg.line),
                    actual=seg.raw,
                )
            )
            if not any(satisfied(c, [_T4_SUMS[i]]) for c in result.candidates):
                _no_consistent_split(findings, f"表四「{labels.t4_group(g)}」", seg.raw, "总计＝四项之和", Location(section="四", table=T4, row=g, line=seg.line))
        report.t4[g] = dict(zip(_T4_COLS, to_numbers(cells), strict=True))

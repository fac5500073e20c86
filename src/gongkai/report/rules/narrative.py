"""Numbers the narrative states against the tables (and against themselves).

A false alarm here costs more than a miss, so a number is read only where the wording can mean
nothing else: a fixed phrase (收到政府信息公开申请N件, 上年结转N件, 行政诉讼N件 …) with nothing but
filler words between the phrase and the number, in a clause that names no other year, no other
period (a month) and no comparison (上年, 同比), in a sentence that does not speak for a wider scope
(全区, 各部门 …) unless the report is that government's own, and, for application counts, with no
word making it a part (其中, 网上, 自然人 …). Case counts (复议, 诉讼) are read only in section 四 or
in a sentence that (or whose preceding sentence) speaks of 信息公开, since an agency such as a
司法局 also reports the review cases it decides. A table number is accepted when it equals any honest reading of the
table (the printed 总计, the sum of its parts, new plus carried-over for 受理), so a table error is
reported by the table rules only, not twice.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .. import labels
from ..findings import Location, Severity
from ..model import T2, T3, T4
from .base import Context, Issue, find_all, occurring, rule
from .t3 import present_leaves
from .t4 import PARTS

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_END = "。"  # where a sentence ends; _sentences() makes the other marks (！？!?) this one first
_OTHER_ENDS = "！？!?"
_FULLWIDTH_DIGIT = re.compile(r"[０-９]")
_CLAUSE_BREAK = re.compile(r"[，,；;：:（）()]")
_KEYWORDS = ("申请", "复议", "诉讼", "结转", "规范性文件")

_N = r"(\d+)"
_FILL = r"(?:公民、法人(?:和|或|及)其他组织(?:的)?|各类|共|共计|累计|合计|总计)*"
_TAIL = r"(?:数量|总数|共|共计|合计|总计|为|达)*"
_UNIT = r"(?:件|条|份)"
_CASE = r"(?:件|起|宗)"

# kind -> pattern; the first group is the number. The two kinds of suit come before 行政诉讼 so a
# total is never read inside “复议后提起行政诉讼3件” (see `taken` in `_read`). A look-behind is
# written after the words it guards, not before: a pattern opening with words lets the regex engine
# skip to where they occur, one opening with a look-behind is tried at every offset (~3x the work).
# (The sentences matched hold no whitespace, so `.` matches any character in them.)
_PATTERNS: dict[str, re.Pattern] = {
    "received": re.compile(rf"(?:新收|收到|受理|接收|接到)(?<!不予..){_FILL}(?:政府)?信息公开申请{_TAIL}{_N}{_UNIT}"),
    "carried_over": re.compile(rf"(?:上一?年度?结转|结转上一?年度?)(?:的)?(?:政府)?(?:信息公开)?(?:申请)?{_TAIL}{_N}件"),
    "results": re.compile(rf"办结(?:政府)?(?:信息公开)?(?:申请)?{_TAIL}{_N}件"),
    "carried_next": re.compile(rf"结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:政府)?(?:信息公开)?(?:申请)?{_TAIL}{_N}件"),
    "direct": re.compile(rf"未经(?:行政)?复议(?:直接)?(?:提起行政诉讼|起诉){_TAIL}{_N}{_CASE}"),
    "after_review": re.compile(rf"(?<!未经)(?:行政)?复议后(?:提起行政诉讼|起诉){_TAIL}{_N}{_CASE}"),
    "review": re.compile(rf"行政复议(?<!经行政复议)(?:案件|申请)?{_TAIL}{_N}{_CASE}"),
    "litigation": re.compile(rf"行政诉讼(?:案件)?{_TAIL}{_N}{_CASE}"),
    "normative_issued": re.compile(rf"(?:制发|制定|出台|印发)(?:行政)?规范性文件{_TAIL}{_N}件"),
    "normative_repealed": re.compile(rf"废止(?:行政)?规范性文件{_TAIL}{_N}件"),
}
# A literal every match of a pattern contains: the pattern runs only on sentences holding it.
_ANCHORS = {
    "received": "信息公开申请",
    "carried_over": "结转",
    "results": "办结",
    "carried_next": "结转",
    "review": "行政复议",
    "litigation": "行政诉讼",
    "direct": "未经",
    "after_review": "复议后",
    "normative_issued": "规范性文件",
    "normative_repealed": "规范性文件",
}
_ANCHORED = tuple((kind, _ANCHORS[kind], pattern) for kind, pattern in _PATTERNS.items())
# “本年度未收到政府信息公开申请” states zero applications.
_NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到)(?:任何)?(?:政府)?信息公开申请(?![人表书的])")
# Quantities that must be said of applications: a bare 办结N件 / 结转下年度N件 elsewhere may count
# letters to the mayor or hotline calls.
_NEEDS_APPLICATION_SENTENCE = {"results", "carried_next"}
_APPLICANT_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org")
_CASE_KINDS = {"review", "litigation", "direct", "after_review"}

_OTHER_YEAR = re.compile(r"(\d{4})年")
_COMPARISON = re.compile(r"上年(?!结转)|上一年(?!度?结转)|去年|前年|同比|较|比上|月|季度|截至|截止")
# Words that make an application count a part (by channel, by applicant) rather than the whole.
_SUBSET = re.compile(r"其中|通过|网上|网络|在线|信函|邮寄|邮件|当面|现场|传真|窗口|平台|渠道|自然人|法人|企业|组织|个人")
_APPLICATION_KINDS = {"received", "carried_over", "results", "carried_next"}
_WIDER_SCOPE = re.compile(r"全(?:县|区|市|省|州|盟|旗|镇|乡|系统)|各(?:部门|单位|乡镇|街道|县|区|市|级)|所属|下属")
_OWN_GOVERNMENT = re.compile(r"(?:人民政府|管委会|管理委员会)$")


def _wider_scope(sentence: str) -> bool:
    # A regular expression costs tens of instructions per character scanned; `in` tests first for
    # the characters every match holds (most sentences have none).
    return ("全" in sentence or "各" in sentence or "属" in sentence) and _WIDER_SCOPE.search(sentence) is not None


@dataclass(frozen=True)
class Stated:
    """A number the narrative states: what it counts, its value, where."""

    kind: str
    value: int
    section: str | None
    text: str  # the words matched
    sentence: str  # the whole sentence, whitespace removed
    start: int  # offset of the match in the sentence
    own: bool  # said of this agency (False: of a wider scope such as 全区)


# The template wording of each section heading (after 一、), worked out once, not per report.
_HEADING_WORDS = {n: labels.section(n).partition("、")[2] for n in "一二三四五六"}


def _parts(ctx: Context):
    r = ctx.report
    yield None, r.preamble
    for s in r.sections:
        # A heading lends its words (…信息公开申请情况) to no sentence, so it is not scanned; but
        # text a reader left on the heading's line after the template wording is narrative.
        words = _HEADING_WORDS.get(s.number, "")
        at = s.heading.find(words) if words else -1
        rest = s.heading[at + len(words) :] if at >= 0 else ""
        yield s.number, f"{rest}\n{s.text}" if rest.strip() else s.text


def _clause_ok(sentence: str, start: int, year: int | None, kind: str = "received") -> bool:
    """The clause before the number names no other year, period or comparison, and an
    application count is not restricted to a channel or a kind of applicant."""
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    prefix = sentence[cut:start]
    if _COMPARISON.search(prefix) or (kind in _APPLICATION_KINDS and _SUBSET.search(prefix)):
        return False
    return all(year is not None and int(y) == year for y in _OTHER_YEAR.findall(prefix))


def _sentences(ctx: Context):
    """(section, sentence, where it is) for each sentence holding a keyword, once each, in text
    order; the sentence with whitespace removed. Sentences end at 。！？ only: PDF text wraps lines
    mid-sentence."""
    parts = list(_parts(ctx))
    # One text for all parts, joined by a sentence end so that no sentence runs from one part into
    # the next: each keyword is then looked for once, not once per part. Every mark is made 。, so
    # one str.find each way bounds a sentence.
    whole = _END.join(text for _, text in parts)
    for mark in occurring(_OTHER_ENDS, whole):
        whole = whole.replace(mark, _END)
    part_starts = list(accumulate([len(text) + 1 for _, text in parts[:-1]], initial=0))
    done = -1
    # Visit only the sentences holding a keyword: no scan of the rest of the text.
    for at in find_all(whole, _KEYWORDS):
        if at < done:
            continue
        start = whole.rfind(_END, 0, at) + 1
        done = whole.find(_END, at)
        if done < 0:
            done = len(whole)
        s = "".join(whole[start:done].split())
        part = bisect_right(part_starts, start) - 1
        yield parts[part][0], s, (whole, start, part_starts[part])


def _about_disclosure(s: str, section: str | None, where: tuple[str, int, int]) -> bool:
    """A case count counts 信息公开 cases: said in section 四, or in a sentence that (or whose
    preceding sentence in the same part) speaks of 信息公开."""
    if section == "四" or "信息公开" in s:
        return True
    whole, start, part_start = where
    return start > part_start and "信息公开" in whole[whole.rfind(_END, 0, start - 1) + 1 : start]


def _numbers(s: str, year: int | None, section: str | None, where: tuple[str, int, int]) -> list[tuple[str, int, str, int]]:
    """(kind, value, words matched, offset) of each number sentence `s` states, in pattern order."""
    found = []
    mentions_applications = "信息公开申请" in s or "依申请公开" in s
    about_disclosure = None  # worked out when a case count is met
    taken: list[tuple[int, int]] = []  # spans already read as a more specific kind
    for kind, anchor, pattern in _ANCHORED:
        if anchor not in s:
            continue
        for m in pattern.finditer(s):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if kind in _NEEDS_APPLICATION_SENTENCE and not mentions_applications:
                continue
            if kind in _CASE_KINDS:
                if about_disclosure is None:
                    about_disclosure = _about_disclosure(s, section, where)
                if not about_disclosure:
                    continue
                taken.append(m.span())
            if _clause_ok(s, m.start(), year, kind):
                found.append((kind, int(m.group(1)), m.group(0), m.start()))
    # Pre-tested with `in`: a regular expression scan costs tens of instructions per character.
    for m in _NONE_RECEIVED.finditer(s) if mentions_applications and ("未" in s or "没有" in s) else ():
        if _clause_ok(s, m.start(), year):
            found.append(("received", 0, m.group(0), m.start()))
    return found


def _read(ctx: Context) -> list[Stated]:
    r = ctx.report
    own_government = bool(r.agency and _OWN_GOVERNMENT.search(r.agency))
    out: list[Stated] = []
    for section, s, where in _sentences(ctx):
        found = _numbers(s, r.year, section, where)
        if found:
            own = own_government or not _wider_scope(s)
            # Full-width digits are \d to the patterns and to int(), so only the few sentences that
            # state a number need them made ASCII (for the messages).
            if _FULLWIDTH_DIGIT.search(s):
                s = s.translate(_FULLWIDTH)
                found = [(kind, value, words.translate(_FULLWIDTH), at) for kind, value, words, at in found]
            out += [Stated(kind, value, section, words, s, at, own) for kind, value, words, at in found]
    return out


def stated(ctx: Context, kind: str, *, any_scope: bool = False) -> list[Stated]:
    """Numbers of one kind the narrative states of this agency (or of any scope, for self-checks).
    Shared between rules: not to be changed."""
    return ctx.shared("stated", _by_kind).get((kind, any_scope), [])


def _by_kind(ctx: Context) -> dict[tuple[str, bool], list[Stated]]:
    """The narrative's numbers by (kind, any scope?), sorted once for the dozen rules asking."""
    out: dict[tuple[str, bool], list[Stated]] = {}
    for s in ctx.shared("narrative", _read):
        out.setdefault((s.kind, True), []).append(s)
        if s.own:
            out.setdefault((s.kind, False), []).append(s)
    return out


def _readings(cells: dict, parts) -> list[int]:
    """The printed 总计, then the sum of the parts; [] when nothing was printed (or read): a blank
    the reader could not fill is no ground for contradicting the narrative."""
    values = list(map(cells.get, parts))  # in C, as below: no generator step per cell
    if cells.get("total") is None and values.count(None) == len(values):
        return []
    printed = [] if cells.get("total") is None else [cells["total"]]
    return [*printed, sum(filter(None, values))]


def _t3_readings(ctx: Context, row: str) -> list[int]:
    """Readings of a 表三 row: its 总计, the sum of its six applicant columns."""
    return _readings(ctx.report.t3.get(row, {}), _APPLICANT_COLUMNS)


def _t4_readings(ctx: Context, group: str) -> list[int]:
    return _readings(ctx.report.t4.get(group, {}), PARTS)


def _where(s: Stated) -> str:
    return f"第{s.section}部分" if s.section else "前言"


def _mismatch(s: Stated, quantity: str, table_place: str, readings: list[int], row, col, table, section):
    return Issue(
        f"{_where(s)}正文称「{s.text}」（{quantity} {s.value} 件），而{table_place}为 "
        f"{labels.candidates(readings)}；请核对正文与表格，使二者一致。",
        Location(section=s.section, table=table, row=row, column=col, text=s.sentence),
        expected=readings[0],
        actual=s.value,
    )


_T3_BASIS = "正文与表三须一致：国办公开办函〔2021〕30号（四）明确责任，不得“发布内容不准确”（A 级）；表三行目 statute.md §1.5"


def _t3_rule(kind: str, quantity: str, row: str, readings_fn):
    def check(ctx: Context):
        said = stated(ctx, kind)
        # Most narratives state few numbers: the table is read only when there is one to compare.
        if not said or row not in ctx.report.t3:
            return
        readings = readings_fn(ctx)
        for s in said if readings else ():
            if s.value not in readings:
                yield _mismatch(s, quantity, f"表三「{labels.t3_row(row)}」行「总计」列", readings, row, "total", T3, "三")

    return check


def _received_readings(ctx: Context) -> list[int]:
    # 受理/收到 sometimes counts last year's carried-over applications too (e.g. 受理749件 = 713+36).
    new = _t3_readings(ctx, "new_received")
    old = _t3_readings(ctx, "carried_over_from_last_year") or [0]
    return [*new, *(n + o for n in new for o in old)]


def _results_readings(ctx: Context) -> list[int]:
    readings = _t3_readings(ctx, "results_total")
    leaves = [ctx.report.t3[r].get("total") for r in present_leaves(ctx.report.t3)]
    if any(v is not None for v in leaves):
        readings.append(sum(v or 0 for v in leaves))
    return readings


_SEVERITY_NOTE = "；模式化措辞匹配，仅在数字无歧义地指本机关本年度时比对"

rule(
    "NARR-RECEIVED",
    Severity.ERROR,
    title="正文所称收到（新收、受理）申请件数与表三一致",
    basis=_T3_BASIS + "「一、本年新收政府信息公开申请数量」" + _SEVERITY_NOTE,
    grade="A",
)(_t3_rule("received", "收到申请", "new_received", _received_readings))

rule(
    "NARR-CARRIED-OVER",
    Severity.ERROR,
    title="正文所称上年结转件数与表三一致",
    basis=_T3_BASIS + "「二、上年结转政府信息公开申请数量」" + _SEVERITY_NOTE,
    grade="A",
)(_t3_rule("carried_over", "上年结转", "carried_over_from_last_year", lambda ctx: _t3_readings(ctx, "carried_over_from_last_year")))

rule(
    "NARR-RESULTS",
    Severity.ERROR,
    title="正文所称办结件数与表三（七）总计一致",
    basis=_T3_BASIS + "「三、本年度办理结果（七）总计」" + _SEVERITY_NOTE,
    grade="A",
)(_t3_rule("results", "办结", "results_total", _results_readings))

rule(
    "NARR-CARRIED-NEXT",
    Severity.ERROR,
    title="正文所称结转下年度件数与表三一致",
    basis=_T3_BASIS + "「四、结转下年度继续办理」" + _SEVERITY_NOTE,
    grade="A",
)(_t3_rule("carried_next", "结转下年度", "carried_to_next_year", lambda ctx: _t3_readings(ctx, "carried_to_next_year")))


_T4_BASIS = "正文与表四须一致：国办公开办函〔2021〕30号（四）明确责任（A 级）；表四 statute.md §1.6"


def _splits(ctx: Context):
    """(行政诉讼N件, 未经复议直接起诉A件, 复议后起诉B件, consistent) stated in one sentence."""
    out = []
    everything = stated(ctx, "litigation", any_scope=True)
    directs = stated(ctx, "direct", any_scope=True)
    afters = stated(ctx, "after_review", any_scope=True)
    for t in everything:
        d = next((s for s in directs if s.sentence == t.sentence and s.start > t.start), None)
        a = next((s for s in afters if s.sentence == t.sentence and s.start > t.start), None)
        if d and a:
            out.append((t, d, a, t.value == d.value + a.value))
    return out


@rule(
    "NARR-LITIGATION-SPLIT",
    Severity.ERROR,
    title="正文：行政诉讼件数＝未经复议直接起诉＋复议后起诉",
    basis="表四把行政诉讼分为“未经复议直接起诉”“复议后起诉”两组（statute.md §1.6）；正文同一句所列总数与分项必须相符",
    grade="B",
)
def narrative_litigation_split(ctx: Context):
    for t, d, a, ok in _splits(ctx):
        if ok:
            continue
        table = ""
        direct, after = _t4_readings(ctx, "litigation_direct"), _t4_readings(ctx, "litigation_after_review")
        if direct and after:
            table = f"；表四为未经复议直接起诉 {direct[0]} 件、复议后起诉 {after[0]} 件，合计 {direct[0] + after[0]} 件"
        yield Issue(
            f"{_where(t)}正文称「{t.text}」，其中「{d.text}」「{a.text}」，"
            f"而 {d.value}＋{a.value}＝{d.value + a.value}，不等于 {t.value}{table}；请核对正文中的行政诉讼件数。",
            Location(section=t.section, table=T4, row="litigation_direct", text=t.sentence),
            expected=d.value + a.value,
            actual=t.value,
        )


@rule(
    "NARR-REVIEW",
    Severity.ERROR,
    title="正文所称行政复议件数与表四一致",
    basis=_T4_BASIS + "「行政复议」组「总计」" + _SEVERITY_NOTE,
    grade="A",
)
def narrative_review(ctx: Context):
    said = stated(ctx, "review")
    if not said or "review" not in ctx.report.t4:
        return
    readings = _t4_readings(ctx, "review")
    for s in said if readings else ():
        if s.value not in readings:
            yield _mismatch(s, "行政复议", "表四「行政复议」的「总计」", readings, "review", "total", T4, "四")


@rule(
    "NARR-LITIGATION",
    Severity.ERROR,
    title="正文所称行政诉讼件数（及其两类）与表四一致",
    basis=_T4_BASIS + "「未经复议直接起诉」「复议后起诉」两组「总计」" + _SEVERITY_NOTE,
    grade="A",
)
def narrative_litigation(ctx: Context):
    t4 = ctx.report.t4
    said = stated(ctx, "litigation") or stated(ctx, "direct") or stated(ctx, "after_review")
    if not said or "litigation_direct" not in t4 or "litigation_after_review" not in t4:
        return
    direct = _t4_readings(ctx, "litigation_direct")
    after = _t4_readings(ctx, "litigation_after_review")
    both = list(dict.fromkeys(d + a for d in direct for a in after))  # printed totals first
    # A total contradicting its own split is NARR-LITIGATION-SPLIT's finding; do not say it twice.
    contradicted = {id(t) for t, _, _, ok in _splits(ctx) if not ok}
    for s in stated(ctx, "litigation") if both else ():
        if id(s) not in contradicted and s.value not in both:
            yield _mismatch(s, "行政诉讼", "表四「未经复议直接起诉」与「复议后起诉」的「总计」之和", both, "litigation_direct", "total", T4, "四")
    for kind, group, readings in (("direct", "litigation_direct", direct), ("after_review", "litigation_after_review", after)):
        for s in stated(ctx, kind) if readings else ():
            if s.value not in readings:
                yield _mismatch(s, labels.t4_group(group), f"表四「{labels.t4_group(group)}」的「总计」", readings, group, "total", T4, "四")


@rule(
    "NARR-T2-NORMATIVE",
    Severity.WARNING,
    title="正文所称制发、废止规范性文件件数与表二一致",
    basis="表二第二十条第（一）项「本年制发件数」「本年废止件数」（2019试行格式「本年新制作数量」）（statute.md §1.4 / §2.2）；"
    "正文所称文件可能另含党内文件或他机关文件，故为警告",
    grade="B",
)
def narrative_normative(ctx: Context):
    rows = ctx.report.t2.get("art20_1", {})
    cells = rows.get("normative_documents")
    if cells is None:
        return
    columns = {"normative_issued": "newly_made" if ctx.template.key == "2019" else "issued_this_year"}
    if ctx.template.key == "2021":
        columns["normative_repealed"] = "repealed_this_year"
    for kind, col in columns.items():
        if col not in cells:
            continue
        value = cells[col]
        if value is None:  # blank or unreadable: no ground for contradicting the narrative
            continue
        for s in stated(ctx, kind):
            if s.value != value:
                yield Issue(
                    f"{_where(s)}正文称「{s.text}」，而{labels.t2_cell(ctx.template, 'art20_1', 'normative_documents', col)}"
                    f"为 {value}；请核对正文与表二。",
                    Location(section=s.section, table=T2, row="art20_1.normative_documents", column=col, text=s.sentence),
                    expected=value,
                    actual=s.value,
                )

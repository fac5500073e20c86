"""The numbers a report's narrative states, read where the wording is unambiguous.

The rules comparing them with the tables (and with themselves) are in rules/narrative.py.

A false alarm here costs more than a miss, so a number is read only where the wording can mean
nothing else: a fixed phrase (收到政府信息公开申请N件, 上年结转N件, 行政诉讼N件 …) with nothing but
filler words between the phrase and the number, in a clause that names no other year, no other
period (a month) and no comparison (上年, 同比), in a sentence that does not speak for a wider scope
(全区, 各部门 …) unless the report is that government's own, and, for application counts, with no
word making it a part (其中, 网上, 自然人 …). Case counts (复议, 诉讼) are read only in section 四 or
in a sentence that (or whose preceding sentence) speaks of 信息公开, since an agency such as a
司法局 also reports the review cases it decides.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from . import labels
from .textsearch import find_all, occurring

if TYPE_CHECKING:
    from .rules.base import Context

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
    "received": re.compile(
        rf"(?:新收|收到|受理|接收|接到)(?<!不予..){_FILL}(?:政府)?信息公开申请{_TAIL}{_N}{_UNIT}"
    ),
    "carried_over": re.compile(
        rf"(?:上一?年度?结转|结转上一?年度?)(?:的)?(?:政府)?(?:信息公开)?(?:申请)?{_TAIL}{_N}件"
    ),
    "results": re.compile(rf"办结(?:政府)?(?:信息公开)?(?:申请)?{_TAIL}{_N}件"),
    "carried_next": re.compile(
        rf"结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:政府)?(?:信息公开)?(?:申请)?{_TAIL}{_N}件"
    ),
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
_NONE_RECEIVED = re.compile(
    r"(?:未|没有)(?:收到|受理|接到)(?:任何)?(?:政府)?信息公开申请(?![人表书的])"
)
# 办结N件（含结转下年度M件） takes in what is carried to next year: NARR-ANSWERED
# (rules/narrative_claims.py) compares it with 总计 + 结转, so it is not read here as 办结.
COUNTS_CARRIED_NEXT = re.compile(r"[（(]?(?:含|包括)(?:结转|转)(?:至|到|入)?下一?年")
# Quantities that must be said of applications: a bare 办结N件 / 结转下年度N件 elsewhere may count
# letters to the mayor or hotline calls.
_NEEDS_APPLICATION_SENTENCE = {"results", "carried_next"}
_CASE_KINDS = {"review", "litigation", "direct", "after_review"}

_OTHER_YEAR = re.compile(r"(\d{4})年")
_COMPARISON = re.compile(r"上年(?!结转)|上一年(?!度?结转)|去年|前年|同比|较|比上|月|季度|截至|截止")
# Words that make an application count a part (by channel, by applicant) rather than the whole.
_SUBSET = re.compile(
    r"其中|通过|网上|网络|在线|信函|邮寄|邮件|当面|现场|传真|窗口|平台|渠道|自然人|法人|企业|组织|个人"
)
_APPLICATION_KINDS = {"received", "carried_over", "results", "carried_next"}
# An outcome named before 办结 (or 答复) makes the count that category's: 予以公开类申请办结7件.
OUTCOME_WORDS = re.compile(
    r"予以公开|同意公开|部分公开|区分处理|不予公开|无法提供|不予处理|其他处理"
)
_WIDER_SCOPE = re.compile(
    r"全(?:县|区|市|省|州|盟|旗|镇|乡|系统)|各(?:部门|单位|乡镇|街道|县|区|市|级)|所属|下属"
)
_OWN_GOVERNMENT = re.compile(r"(?:人民政府|管委会|管理委员会)$")
# A government named in a department's report (区政府现行有效规范性文件, 市政府共受理 … in a 办公厅's
# report): its figures may be the government's, not the agency's own.
# (Not the government's website or gazette, where an agency publishes its own documents.)
_GOVERNMENT_NAMED = re.compile(
    r"(?:区|县|市|省|州|盟|旗|镇|乡)(?:人民)?政府(?!信息|网|门户|公报|平台)|政府(?:办公室|办公厅)|以.{1,10}名义"
)


def _wider_scope(sentence: str) -> bool:
    # A regular expression costs tens of instructions per character scanned; `in` tests first for
    # the characters every match holds (most sentences have none).
    return ("全" in sentence or "各" in sentence or "属" in sentence) and _WIDER_SCOPE.search(
        sentence
    ) is not None


# No report states a count of more than 15 digits (and int() refuses strings over 4300 digits).
MAX_COUNT_DIGITS = 15


def count_of(digits: str) -> int | None:
    """A count the narrative states, or None for a run of digits no report states as a count."""
    return int(digits) if len(digits) <= MAX_COUNT_DIGITS else None


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
    # The sentence names a government (市政府共收到…) in a report that is not that government's:
    # the figure may be the government's, quoted in the agency's report.
    government: bool = False


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
    if kind == "results" and OUTCOME_WORDS.search(prefix):
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


def _numbers(
    s: str, year: int | None, section: str | None, where: tuple[str, int, int]
) -> list[tuple[str, int, str, int]]:
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
            if kind == "results" and COUNTS_CARRIED_NEXT.match(s, m.end()):
                continue
            if kind in _CASE_KINDS:
                if about_disclosure is None:
                    about_disclosure = _about_disclosure(s, section, where)
                if not about_disclosure:
                    continue
                taken.append(m.span())
            if (value := count_of(m.group(1))) is None:
                continue
            if _clause_ok(s, m.start(), year, kind):
                found.append((kind, value, m.group(0), m.start()))
    # Pre-tested with `in`: a regular expression scan costs tens of instructions per character.
    for m in (
        _NONE_RECEIVED.finditer(s) if mentions_applications and ("未" in s or "没有" in s) else ()
    ):
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
            government = not own_government and _GOVERNMENT_NAMED.search(s) is not None
            # Full-width digits are \d to the patterns and to int(), so only the few sentences that
            # state a number need them made ASCII (for the messages).
            if _FULLWIDTH_DIGIT.search(s):
                s = s.translate(_FULLWIDTH)
                found = [
                    (kind, value, words.translate(_FULLWIDTH), at)
                    for kind, value, words, at in found
                ]
            out += [
                Stated(kind, value, section, words, s, at, own, government)
                for kind, value, words, at in found
            ]
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

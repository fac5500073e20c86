"""Claims the narrative makes about the tables that real reports get wrong (issue 12, item 5).

Four kinds of statement, each read only where the wording can mean nothing else, with the guards
of the NARR-* counts in rules/narrative.py (a fixed phrase, the unit, a clause naming no other
year, period or comparison, no word making the number a part, the scope of the sentence):

- 现行有效（行政）规范性文件 / 规章 N件 against 表二 现行有效件数 (2021 format; the 2019 table has
  no such column);
- 答复 N件, 办理 N件 (which may include what is carried to next year) and 办结 N件（含结转下年度…）
  against 表三 （七）总计 (a plain 办结 N件 is NARR-RESULTS');
- outcome counts (予以公开 N件, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理) against their 表三
  rows, and their shares (N件（x%）), recomputed from the table at the precision printed
  (rules/narrative_outcomes.py);
- 均获维持 / 全部维持 / 未被纠错 said of 行政复议 or 行政诉讼 against 表四 (rules/narrative_cases.py).

This module holds the first two and what all four share: the sentences holding an anchor of any
of them, found once per check, and the guards (clause, segment, part, scope).

A number is accepted when it equals any honest reading of the table (the printed 总计, the sum of
the parts), so a table error is reported once, by the table rules. A sentence that speaks for a
wider scope than the agency (全区, 各部门 … in a department's report) gives a warning, not an error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .. import labels
from ..findings import Location, Severity
from ..model import T2, T3
from ..narrative_numbers import (
    _CLAUSE_BREAK,
    _COMPARISON,
    _GOVERNMENT_NAMED,
    _OTHER_YEAR,
    _OWN_GOVERNMENT,
    _PATTERNS,
    _TAIL,
    COUNTS_CARRIED_NEXT,
    OUTCOME_WORDS,
    Stated,
    _parts,
    _wider_scope,
    count_of,
)
from ..textsearch import find_all, occurring
from .base import Context, Issue, rule
from .narrative import (
    _SCOPE_NOTE,
    _results_readings,
    _t3_readings,
    _where,
    answered_readings,
)

# ---------------------------------------------------------------------------------------------
# Sentences

_ASCII = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_FULLWIDTH = re.compile("[０-９％．]")
_OTHER_ENDS = "！？!?"  # made 。 first, so one str.find each way bounds a sentence
_VALID_ANCHORS = ("现行有效",)
# 办理 alone is in most sentences of a report (and in 本年度办理结果): only the phrase is an anchor.
_ANSWER_ANCHORS = ("答复", "办理政府信息公开申请", "办理信息公开申请", "办结")
_OUTCOME_ANCHORS = (
    "予以公开",
    "同意公开",
    "部分公开",
    "区分处理",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
)
_CASE_ANCHORS = ("维持", "纠错", "败诉")
# A literal every statement read here contains: only sentences holding one are kept.
_ANCHORS = (*_VALID_ANCHORS, *_ANSWER_ANCHORS, *_OUTCOME_ANCHORS, *_CASE_ANCHORS)


@dataclass(frozen=True)
class Sentence:
    section: str | None
    text: str  # whitespace removed, full-width digits and ％ made ASCII
    previous: str  # the sentence before it in the same part, whitespace removed ("" at the start)
    own: bool  # said of this agency (False: the sentence speaks for a wider scope such as 全区)
    anchors: frozenset[str]  # which of _ANCHORS it holds, so each rule visits only its own


def _clean(raw: str) -> str:
    """A sentence without whitespace, its full-width digits and ％ made ASCII (str.translate costs
    far more per character than a search: only sentences kept, and only when they need it)."""
    s = "".join(raw.split())
    return s.translate(_ASCII) if _FULLWIDTH.search(s) else s


def _claim_sentences(ctx: Context) -> list[Sentence]:
    """The narrative's sentences holding an anchor, once per check. Sentences end at 。！？ only:
    PDF text wraps lines mid-sentence. As in narrative_numbers._sentences, the parts are joined by
    a sentence end so each anchor is looked for once, and only the sentences around an anchor are
    cut out (str.find in C), not the whole text."""
    r = ctx.report
    own_government = bool(r.agency and _OWN_GOVERNMENT.search(r.agency))
    parts = list(_parts(ctx))
    whole = "。".join(text for _, text in parts)
    present = occurring(_ANCHORS, whole)
    if not present:
        return []
    for mark in occurring(_OTHER_ENDS, whole):
        whole = whole.replace(mark, "。")
    part_starts = list(accumulate([len(text) + 1 for _, text in parts[:-1]], initial=0))
    out = []
    done = -1
    for at in find_all(whole, present):
        if at < done:
            continue
        start = whole.rfind("。", 0, at) + 1
        done = whole.find("。", at)
        if done < 0:
            done = len(whole)
        part = bisect_right(part_starts, start) - 1
        s = _clean(whole[start:done])
        previous = (
            _clean(whole[whole.rfind("。", 0, start - 1) + 1 : start - 1])
            if start > part_starts[part]
            else ""
        )
        held = frozenset(a for a in present if a in s)
        own = own_government or not (_wider_scope(s) or _GOVERNMENT_NAMED.search(s))
        out.append(Sentence(parts[part][0], s, previous, own, held))
    return out


def _sentences(ctx: Context, anchors: tuple[str, ...]) -> list[Sentence]:
    """The sentences holding one of `anchors`."""
    return [
        s
        for s in ctx.shared("claim_sentences", _claim_sentences)
        if not s.anchors.isdisjoint(anchors)
    ]


def _clause(s: str, start: int) -> str:
    """The words of the clause before offset `start` (back to the last comma, colon, bracket)."""
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(s, 0, start)), default=0)
    return s[cut:start]


def _segment(s: str, start: int) -> str:
    """The words before offset `start` back to the last semicolon: the clauses that set the time
    and the subject of a statement (“2023年收到申请20件，予以公开15件” speaks of 2023 throughout)."""
    return s[max(s.rfind("；", 0, start), s.rfind(";", 0, start)) + 1 : start]


def _other_year(words: str, year: int | None) -> bool:
    return any(year is None or int(y) != year for y in _OTHER_YEAR.findall(words))


def _other_time(words: str, year: int | None) -> bool:
    """`words` name another year, a part of the year or a comparison (上年, 同比, 截至 …)."""
    return _COMPARISON.search(words) is not None or _other_year(words, year)


def _severity(s: Sentence) -> Severity | None:
    """A statement of a wider scope than the agency may cite figures the table does not hold."""
    return None if s.own else Severity.WARNING


def _scope_note(s: Sentence) -> str:
    return "" if s.own else _SCOPE_NOTE


_N = r"(\d+)"
# Application wording in the sentence or the one before it: an outcome or an answer elsewhere may
# be of letters to the mayor, hotline calls, proposals of deputies.
_APPLICATION = ("信息公开申请", "依申请", "申请公开")
# Things other than disclosure applications that are also answered, handled, published.
_NOT_APPLICATIONS = re.compile(r"建议|提案|信箱|来信|留言|咨询|诉求|热线|12345|信访|舆情|主动公开")
# Words that make a count a part (a channel, a kind of applicant), as in narrative._SUBSET, but not
# 其中, which introduces the breakdown of the whole for outcome counts.
_PART = re.compile(
    r"通过|网上|网络|在线|信函|邮寄|邮件|当面|现场|传真|窗口|平台|渠道|自然人|法人|企业|组织|个人"
)
# Words that single out some answers by their timing or their handling (延期答复2件, 当场予以公开3件,
# 征求第三方意见后予以公开2件): a part, even if the whole may be meant (在法定期限内答复12件).
_HANDLING = re.compile(
    r"延期|延长|逾期|超期|按时|按期|如期|及时|当场|当日|期限内|征求|第三方|协商|会商|书面|口头|电话|短信"
)


def _about_applications(s: Sentence) -> bool:
    return any(w in s.text for w in _APPLICATION) or any(w in s.previous for w in _APPLICATION)


# ---------------------------------------------------------------------------------------------
# 现行有效 规范性文件 / 规章 against 表二

_DOCS_UNIT = r"(?:件|部|份|个)"  # never 条: 条 counts the articles of a document
_STOCK = r"(?:件数|数量|总数|共|共计|合计|总计|为|达|有)*"
_VALID_PATTERNS = (
    # the pair first: “现行有效规章和规范性文件N件” counts both rows, not one
    (
        "both",
        re.compile(
            rf"现行有效(?:的)?规章(?:和|及|与|、)(?:行政)?规范性文件{_STOCK}{_N}{_DOCS_UNIT}"
        ),
    ),
    (
        "both",
        re.compile(
            rf"规章(?:和|及|与|、)(?:行政)?规范性文件(?:中)?现行有效(?:的)?{_STOCK}{_N}{_DOCS_UNIT}"
        ),
    ),
    (
        "normative_documents",
        re.compile(rf"现行有效(?:的)?(?:行政)?规范性文件{_STOCK}{_N}{_DOCS_UNIT}"),
    ),
    (
        "normative_documents",
        re.compile(rf"(?:行政)?规范性文件(?:中)?现行有效(?:的)?{_STOCK}{_N}{_DOCS_UNIT}"),
    ),
    ("regulations", re.compile(rf"现行有效(?:的)?规章{_STOCK}{_N}{_DOCS_UNIT}")),
    ("regulations", re.compile(rf"规章(?:中)?现行有效(?:的)?{_STOCK}{_N}{_DOCS_UNIT}")),
)
# 清理现行有效规范性文件45件 counts the documents reviewed (some then repealed), not the stock at
# the end of the year; 清理后现行有效… is the stock.
_ACTED_ON = re.compile(r"(?:清理|审查|梳理|评估|备案|审核|修订|修改|废止|失效|报送)(?!后)")
# “截至2024年12月31日” / “截至年底” dates the stock at the end of the report's year; any other
# date or comparison makes it another count.
_YEAR_END = r"截(?:至|止)(?:{year}年)?(?:12月31日|年底|年末|底)"


def _valid_counts(ctx: Context) -> list[tuple[Sentence, Stated, tuple[str, ...]]]:
    year = ctx.report.year
    year_end = re.compile(_YEAR_END.format(year=year or r"\d{4}"))
    out = []
    for s in _sentences(ctx, _VALID_ANCHORS):
        taken: list[tuple[int, int]] = []
        for kind, pattern in _VALID_PATTERNS:
            for m in pattern.finditer(s.text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                words = year_end.sub("", _segment(s.text, m.start()))
                if _other_time(words, year) or "其中" in words:
                    continue
                if _ACTED_ON.search(_clause(s.text, m.start())):
                    continue
                if (value := count_of(m.group(1))) is None:
                    continue
                rows = ("regulations", "normative_documents") if kind == "both" else (kind,)
                out.append(
                    (
                        s,
                        Stated(kind, value, s.section, m.group(0), s.text, m.start(), s.own),
                        rows,
                    )
                )
    return out


@rule(
    "NARR-T2-VALID",
    Severity.ERROR,
    title="正文所称现行有效规范性文件（规章）件数与表二现行有效件数一致",
    basis="表二第二十条第（一）项「现行有效件数」（2021格式，statute.md §1.4）；正文与表格须一致：国办公开办函〔2021〕30号（四）"
    "明确责任，不得“发布内容不准确”（A 级）；地方通知“摸清本机关制发的现行有效规章、规范性文件底数，准确填报”（statute.md §7 LOCAL-2）；"
    "句子所述范围可能大于本机关（全区、各部门等）时为警告",
    grade="B",
)
def narrative_valid_documents(ctx: Context):
    if ctx.template.key != "2021":  # the 2019 table has no 现行有效 column
        return
    rows = ctx.report.t2.get("art20_1", {})
    for s, said, keys in _valid_counts(ctx) if rows else ():
        values = [rows.get(k, {}).get("currently_valid") for k in keys]
        if any(k not in rows for k in keys) or any(v is None for v in values):
            continue  # a row not printed or a blank cell is no ground for contradicting the text
        table = sum(values)
        if said.value == table:
            continue
        places = "与".join(
            labels.t2_cell(ctx.template, "art20_1", k, "currently_valid") for k in keys
        )
        yield Issue(
            f"{_where(said)}正文称「{said.text}」，而{places}{'之和' if len(keys) > 1 else ''}为 {table}；"
            f"请核对正文与表二。{_scope_note(s)}",
            Location(
                section=said.section,
                table=T2,
                row=f"art20_1.{keys[-1]}",
                column="currently_valid",
                text=s.text,
            ),
            expected=table,
            actual=said.value,
            severity=_severity(s),
        )


# ---------------------------------------------------------------------------------------------
# 答复 / 办理 N件 against 表三 （七）总计

_ANSWERED = re.compile(
    # 同意公开答复, 不予公开答复, 无法提供答复 … count one outcome, not the answers. The look-behinds
    # follow the word they guard (a pattern opening with one is tried at every offset).
    rf"答复(?<!公开答复)(?<!提供答复)(?<!处理答复)(?<!告知答复)(?:(?:政府)?(?:信息公开)?申请)?(?:数)?{_TAIL}{_N}件"
)
_HANDLED = re.compile(rf"办理(?:政府)?信息公开申请{_TAIL}{_N}件")
_CONCLUDED = _PATTERNS["results"]  # 办结…N件, as narrative_numbers reads it
# Wording that says what is carried to next year is counted in (（含结转下年度…）); 含上年结转 says
# nothing new, as the results include what was carried over.
_WITH_CARRIED = re.compile(
    r"结转(?:至|到)?下一?年|转(?:入|至|到)?下一?年|继续办理|正在办理|尚在办理"
)
# Clauses about something else than this year's answered applications.
_NOT_THE_RESULTS = re.compile(r"结转|下一?年度|转下|上年|其中")


def _answered_readings(ctx: Context, with_carried: bool) -> list[int]:
    """Those of 办结 (narrative.answered_readings), with what is carried to next year where the
    wording counts it in."""
    out = answered_readings(ctx)
    if with_carried and out:
        out += [
            r + n for r in _results_readings(ctx) for n in _t3_readings(ctx, "carried_to_next_year")
        ]
    return list(dict.fromkeys(out))


def _handled_readings(ctx: Context, with_carried: bool) -> list[int]:
    """办理 N件 may count the results or everything in hand (results + carried to next year, which
    is new + carried over when 表三 balances), or only the new applications."""
    results = _results_readings(ctx)
    new = _t3_readings(ctx, "new_received")
    old = _t3_readings(ctx, "carried_over_from_last_year") or [0]
    nxt = _t3_readings(ctx, "carried_to_next_year") or [0]
    if not results and not new:
        return []
    out = [*results, *(r + n for r in results for n in nxt), *(n + o for n in new for o in old)]
    if not with_carried:
        out += new
    return list(dict.fromkeys(out))


def _concluded_readings(ctx: Context, with_carried: bool) -> list[int]:
    """办结N件（含结转下年度M件）: the results, or the results with what is carried to next year."""
    results = _results_readings(ctx)
    nxt = _t3_readings(ctx, "carried_to_next_year") or [0]
    return list(dict.fromkeys([*results, *(r + n for r in results for n in nxt)]))


_READINGS = {
    "answered": _answered_readings,
    "handled": _handled_readings,
    "concluded": _concluded_readings,
}
_QUANTITY = {"answered": "答复申请", "handled": "办理申请", "concluded": "办结（含结转下年度）"}


def _answers(ctx: Context):
    year = ctx.report.year
    for s in _sentences(ctx, _ANSWER_ANCHORS):
        if not any(w in s.text for w in _APPLICATION):
            continue
        for kind, pattern in (
            ("answered", _ANSWERED),
            ("handled", _HANDLED),
            ("concluded", _CONCLUDED),
        ):
            for m in pattern.finditer(s.text):
                # 办结N件 is NARR-RESULTS', except with （含结转下年度…） after it
                if kind == "concluded" and not COUNTS_CARRIED_NEXT.match(s.text, m.end()):
                    continue
                words = _clause(s.text, m.start())
                if _other_time(_segment(s.text, m.start()), year) or _PART.search(words):
                    continue
                if (
                    _HANDLING.search(words)
                    or _NOT_THE_RESULTS.search(words)
                    or _NOT_APPLICATIONS.search(words)
                    or OUTCOME_WORDS.search(words)
                ):
                    continue
                # “（含结转下年度2件）” right after the number, or the clause itself says so
                with_carried = bool(
                    _WITH_CARRIED.search(words + m.group(0) + s.text[m.end() : m.end() + 16])
                )
                if (value := count_of(m.group(1))) is None:
                    continue
                yield (
                    s,
                    Stated(kind, value, s.section, m.group(0), s.text, m.start(), s.own),
                    with_carried,
                )


@rule(
    "NARR-ANSWERED",
    Severity.ERROR,
    title="正文所称答复、办理申请件数与表三办理结果一致",
    basis="正文与表三须一致：国办公开办函〔2021〕30号（四）明确责任，不得“发布内容不准确”（A 级）；表三「三、本年度办理结果（七）总计」"
    "（及措辞含结转时的「四、结转下年度继续办理」，statute.md §1.5）；模式化措辞匹配，仅在数字无歧义地指本机关本年度时比对，"
    "句子所述范围可能大于本机关时为警告",
    grade="A",
)
def narrative_answered(ctx: Context):
    if "results_total" not in ctx.report.t3:
        return
    for s, said, with_carried in _answers(ctx):
        readings = _READINGS[said.kind](ctx, with_carried)
        if not readings or said.value in readings:
            continue
        quantity = _QUANTITY[said.kind]
        adds_carried = with_carried or said.kind != "answered"
        place = "表三「（七）总计」" + (
            "（或加「四、结转下年度继续办理」）" if adds_carried else ""
        )
        yield Issue(
            f"{_where(said)}正文称「{said.text}」（{quantity} {said.value} 件），而{place}可对应的数为 "
            f"{labels.candidates(readings)}；请核对正文与表格，使二者一致。{_scope_note(s)}",
            Location(
                section=said.section, table=T3, row="results_total", column="total", text=s.text
            ),
            expected=readings[0],
            actual=said.value,
            severity=_severity(s),
        )

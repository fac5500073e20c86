"""Claims the narrative makes about the tables that real reports get wrong (issue 12, item 5).

Four kinds of statement, each read only where the wording can mean nothing else, with the guards
of the NARR-* counts in rules/narrative.py (a fixed phrase, the unit, a clause naming no other
year, period or comparison, no word making the number a part, the scope of the sentence):

- 现行有效（行政）规范性文件 / 规章 N件 against 表二 现行有效件数 (2021 format; the 2019 table has
  no such column);
- 答复 N件, 办理 N件 (which may include what is carried to next year) and 办结 N件（含结转下年度…）
  against 表三 （七）总计 (a plain 办结 N件 is NARR-RESULTS');
- outcome counts (予以公开 N件, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理) against their 表三
  rows, and their shares (N件（x%）), recomputed from the table at the precision printed;
- 均获维持 / 全部维持 / 未被纠错 said of 行政复议 or 行政诉讼 against 表四.

A number is accepted when it equals any honest reading of the table (the printed 总计, the sum of
the parts), so a table error is reported once, by the table rules. A sentence that speaks for a
wider scope than the agency (全区, 各部门 … in a department's report) gives a warning, not an error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from .. import labels
from ..findings import Location, Severity
from ..model import T2, T3, T4
from ..narrative_numbers import (
    _CLAUSE_BREAK,
    _COMPARISON,
    _OTHER_YEAR,
    _OWN_GOVERNMENT,
    _PATTERNS,
    _TAIL,
    COUNTS_CARRIED_NEXT,
    OUTCOME_WORDS,
    Stated,
    _parts,
    _wider_scope,
)
from ..textsearch import find_all, occurring
from .base import Context, Issue, rule
from .narrative import (
    _APPLICANT_COLUMNS,
    _readings,
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


# A government named in a department's report (区政府现行有效规范性文件, 市政府共受理 … in a 办公厅's
# report): its figures may be the government's, not the agency's own.
_GOVERNMENT_NAMED = re.compile(
    r"(?:区|县|市|省|州|盟|旗|镇|乡)(?:人民)?政府(?!信息)|政府(?:办公室|办公厅)|以.{1,10}名义"
)


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


_SCOPE_NOTE = "（该句涉及的范围可能大于本机关，列为警告）"


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
                rows = ("regulations", "normative_documents") if kind == "both" else (kind,)
                out.append(
                    (
                        s,
                        Stated(
                            kind, int(m.group(1)), s.section, m.group(0), s.text, m.start(), s.own
                        ),
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
                yield (
                    s,
                    Stated(kind, int(m.group(1)), s.section, m.group(0), s.text, m.start(), s.own),
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


# ---------------------------------------------------------------------------------------------
# Outcome counts and shares against 表三

# category -> (its words in a narrative, the 表三 rows it sums)
_OUTCOME_WORDS = {
    "granted_partial": r"(?:予以公开|同意公开)(?:和|及|与|、|或)(?:部分公开|区分处理后公开)",
    "granted": r"(?:予以公开|同意公开)",  # not after 不 (不予以公开): tested in _outcomes
    "partial": r"(?:部分公开|区分处理后(?:予以)?公开)",
    "denied": r"不予公开",
    "unable": r"无法提供",
    "not_processed": r"不予处理",
    "other": r"其他处理",
}
_OUTCOME_NAMES = {
    "granted_partial": "予以公开及部分公开",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开",
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
_OUTCOME_FILL = r"(?:的)?(?:申请|答复)?(?:的)?(?:数)?" + _TAIL
_OUTCOME_COUNT = re.compile(
    "|".join(rf"(?P<{k}>{w}){_OUTCOME_FILL}(?P<{k}_n>\d+)件" for k, w in _OUTCOME_WORDS.items())
)
_PERCENT = r"(\d+(?:\.\d+)?)%"
# A share printed right after the count: （17.46%）, ，占12.5%, ，占办结总数的12.5%. A share of any
# other named base (占予以公开总数的…) is not read.
_SHARE_AFTER = re.compile(
    rf"[（(，,]?(?:占|占比|比例为|占比为)?(?:(?:全部申请|申请总数|办结总数|办理总数|办理结果总数|总数|全部)的?)?(?:比例)?(?:为|达)?{_PERCENT}"
)
_SHARE_ONLY = re.compile(
    "|".join(
        rf"(?P<{k}>{w})(?:类)?(?:申请)?(?:的)?(?:占比|所占比例|比例)(?:为|达)?(?P<{k}_n>\d+(?:\.\d+)?)%"
        for k, w in _OUTCOME_WORDS.items()
    )
)


def _outcome_rows(ctx: Context, kind: str) -> list[str]:
    t3 = ctx.report.t3
    if kind == "granted_partial":
        return [k for k in ("granted", "partially_granted") if k in t3]
    if kind == "granted":
        return ["granted"] if "granted" in t3 else []
    if kind == "partial":
        return ["partially_granted"] if "partially_granted" in t3 else []
    prefix = {
        "denied": "denied.",
        "unable": "unable.",
        "not_processed": "not_processed.",
        "other": "other.",
    }[kind]
    return [k for k in t3 if k.startswith(prefix) or (kind == "other" and k == "other")]


def _outcome_readings_in(ctx: Context, o: _Outcome) -> list[int]:
    """The readings of an outcome count in its sentence. A sentence that names one of the group's
    reasons apart (其他处理5件 beside 逾期未补正2件) may count the group without that row: any
    part of the group's rows is then a reading."""
    readings = _outcome_readings(ctx, o.kind)
    reasons = _REASONS_OF.get(o.kind)
    text = o.sentence.text
    said = o.said.text if o.said else ""
    if not readings or reasons is None or not reasons.search(text.replace(said, "", 1)):
        return readings
    totals = [ctx.report.t3[k].get("total") or 0 for k in _outcome_rows(ctx, o.kind)]
    sums = {0}
    for t in totals:
        sums |= {x + t for x in sums}
    return list(dict.fromkeys([*readings, *sorted(sums)]))


def _outcome_readings(ctx: Context, kind: str) -> list[int]:
    """The category's rows summed by their printed 总计, and by their applicant columns; [] when the
    rows are not printed, or one of them is wholly blank: a row the publisher left empty or the
    reader could not fill may hold what the sum lacks, no ground for contradicting the text."""
    rows = [ctx.report.t3[k] for k in _outcome_rows(ctx, kind)]
    per_row = [_readings(cells, _APPLICANT_COLUMNS) for cells in rows]
    if not rows or not all(per_row):
        return []
    printed = sum(r[0] for r in per_row)
    columns = sum(r[-1] for r in per_row)
    return list(dict.fromkeys([printed, columns]))


def _bases(ctx: Context) -> list[int]:
    """What an outcome share may be a share of: the results, the new applications, new plus
    carried over (all applications in hand)."""
    new = _t3_readings(ctx, "new_received")
    old = _t3_readings(ctx, "carried_over_from_last_year") or [0]
    out = [*_results_readings(ctx), *new, *(n + o for n in new for o in old)]
    return [b for b in dict.fromkeys(out) if b > 0]


def _share_fits(percent: str, parts: list[int], bases: list[int]) -> bool:
    """Some part over some base gives `percent` at the precision printed (rounded or cut off)."""
    printed = Decimal(percent)
    step = Decimal(1).scaleb(printed.as_tuple().exponent)  # 1, 0.1, 0.01 …
    for part in parts:
        for base in bases:
            exact = Decimal(part * 100) / Decimal(base)
            if abs(exact - printed) <= step / 2 or Decimal(0) <= exact - printed < step:
                return True
    return False


@dataclass(frozen=True)
class _Outcome:
    sentence: Sentence
    said: Stated | None  # the count, if one is stated
    kind: str
    percent: str | None
    at: int


def _outcome_clause_ok(s: Sentence, start: int, year: int | None) -> bool:
    words = _clause(s.text, start)
    if (
        _other_time(_segment(s.text, start), year)
        or _PART.search(words)
        or _OTHER_MATTERS.search(words)
        or _HANDLING.search(words)
    ):
        return False
    # 属于国家秘密不予公开1件 counts one reason (a row), not the group; 因不掌握等原因无法提供 all.
    if _REASONS.search(words) and "等" not in words:
        return False
    # “主动公开信息N件、不予公开M件” counts documents: an outcome after 主动公开 in the same sentence
    # is read only when applications are named between the two.
    before = s.text[:start]
    proactive = before.rfind("主动公开")
    return proactive < 0 or any(w in before[proactive:] for w in _APPLICATION)


# The whole: 收到公民、法人和其他组织政府信息公开申请 names no kind of applicant.
_EVERY_APPLICANT = re.compile(r"公民、法人(?:和|或|及)其他组织")


def _of_a_part(text: str, start: int) -> bool:
    """The sentence names a channel or a kind of applicant before offset `start`: the outcomes
    after it may be of that part (自然人申请10件，予以公开5件), whatever clause they are in."""
    return _PART.search(_EVERY_APPLICANT.sub("", text[:start])) is not None


def _negated(text: str, start: int) -> bool:
    """不予以公开 is not 予以公开 (tested here, not by a look-behind opening the pattern, which
    would make the engine try it at every offset)."""
    return text[start - 1 : start] == "不"


def _outcomes(ctx: Context) -> list[_Outcome]:
    year = ctx.report.year
    out = []
    for s in _sentences(ctx, _OUTCOME_ANCHORS):
        # every statement read holds 件 (a count) or % (a share)
        if ("件" not in s.text and "%" not in s.text) or not _about_applications(s):
            continue
        # The outcome of a part (自然人申请中予以公开N件) is left alone, whatever clause it is in.
        taken: list[tuple[int, int]] = []
        for m in _OUTCOME_COUNT.finditer(s.text):
            kind = next(k for k in _OUTCOME_WORDS if m.group(k))
            if _negated(s.text, m.start()) or not _outcome_clause_ok(s, m.start(), year):
                continue
            if _of_a_part(s.text, m.start()):
                continue
            value = int(m.group(f"{kind}_n"))
            share = _SHARE_AFTER.match(s.text, m.end())
            said = Stated(kind, value, s.section, m.group(0), s.text, m.start(), s.own)
            out.append(_Outcome(s, said, kind, share.group(1) if share else None, m.start()))
            taken.append(m.span())
        for m in _SHARE_ONLY.finditer(s.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            kind = next(k for k in _OUTCOME_WORDS if m.group(k))
            if _negated(s.text, m.start()):
                continue
            if _outcome_clause_ok(s, m.start(), year) and not _of_a_part(s.text, m.start()):
                out.append(_Outcome(s, None, kind, m.group(f"{kind}_n"), m.start()))
    return out


# The reasons of each group's rows (表三 （三）–（六） sub-rows), as narratives name them.
_GROUP_REASONS = {
    "denied": r"国家秘密|禁止公开|三安全一稳定|第三方|内部事务|过程性|执法案卷|行政查询",
    "unable": r"不掌握|另行制作|补正后|不明确",
    "not_processed": r"信访|举报|投诉|重复申请|出版物|大量反复|重新出具",
    "other": r"补正|缴纳|缴费|撤回|撤销申请|撤诉",
}
_REASONS = re.compile("|".join(_GROUP_REASONS.values()))
_REASONS_OF = {kind: re.compile(words) for kind, words in _GROUP_REASONS.items()}
# Unlike answers, an outcome clause may name a 不予处理 reason (属信访、重复申请等不予处理80件).
_OTHER_MATTERS = re.compile(r"建议|提案|信箱|来信|留言|热线|12345|舆情")

_OUTCOME_BASIS = (
    "正文与表三须一致：国办公开办函〔2021〕30号（四）明确责任，不得“发布内容不准确”（A 级）；表三「三、本年度办理结果」各项（statute.md §1.5）；"
    "模式化措辞匹配（单位“件”，所述为信息公开申请），分项之和与打印总计皆可，句子所述范围可能大于本机关时为警告"
)


@rule(
    "NARR-OUTCOME",
    Severity.ERROR,
    title="正文所称各类办理结果件数与表三一致",
    basis=_OUTCOME_BASIS,
    grade="A",
)
def narrative_outcome(ctx: Context):
    if "results_total" not in ctx.report.t3:
        return
    for o in ctx.shared("claim_outcomes", _outcomes):
        if o.said is None:
            continue
        readings = _outcome_readings_in(ctx, o)
        if not readings or o.said.value in readings:
            continue
        yield Issue(
            f"{_where(o.said)}正文称「{o.said.text}」（{_OUTCOME_NAMES[o.kind]} {o.said.value} 件），而表三"
            f"{_OUTCOME_NAMES[o.kind]}{'各项之和' if len(_outcome_rows(ctx, o.kind)) > 1 else ''}为 {labels.candidates(readings)}；"
            f"请核对正文与表格，使二者一致。{_scope_note(o.sentence)}",
            Location(
                section=o.said.section,
                table=T3,
                row=_outcome_rows(ctx, o.kind)[0],
                column="total",
                text=o.sentence.text,
            ),
            expected=readings[0],
            actual=o.said.value,
            severity=_severity(o.sentence),
        )


@rule(
    "NARR-OUTCOME-SHARE",
    Severity.ERROR,
    title="正文所称各类办理结果占比与表三相符",
    basis=_OUTCOME_BASIS
    + "；占比按所印精度（四舍五入或截尾）以表三该项除以办理结果总计、新收或新收加上年结转重算，皆不符方报",
    grade="A",
)
def narrative_outcome_share(ctx: Context):
    if "results_total" not in ctx.report.t3:
        return
    shares = [o for o in ctx.shared("claim_outcomes", _outcomes) if o.percent is not None]
    bases = _bases(ctx) if shares else []
    for o in shares if bases else ():
        parts = _outcome_readings_in(ctx, o)
        if not parts or _share_fits(o.percent, parts, bases):
            continue
        text = o.said.text if o.said else o.sentence.text[o.at : o.at + 24]
        yield Issue(
            f"{_where(o.sentence)}正文称「{text}」占 {o.percent}%，而按表三{_OUTCOME_NAMES[o.kind]}（{labels.candidates(parts)} 件）"
            f"除以办理结果总计、新收或新收加上年结转（{labels.candidates(bases)} 件）算得的比例均不是 {o.percent}%；"
            f"请核对正文中的比例。{_scope_note(o.sentence)}",
            Location(
                section=o.sentence.section,
                table=T3,
                row=_outcome_rows(ctx, o.kind)[0],
                column="total",
                text=o.sentence.text,
            ),
            expected=[round(p * 100 / b, 2) for p in parts for b in bases][0],
            actual=float(o.percent),
            severity=_severity(o.sentence),
        )


# ---------------------------------------------------------------------------------------------
# 均获维持 / 未被纠错 against 表四

_ALL_UPHELD = re.compile(
    r"(?:均|全部|全|都|皆)(?:已)?(?:被|获|予以|得到|获得)?(?:依法)?维持|维持率(?:为|达)?100%"
)
_NONE_CORRECTED = re.compile(
    r"(?:无|未(?!经|审结|结案)|没有|零)(?:发生|出现)?[^，,；;。]{0,20}?(?:纠错|败诉|被[^，,；;。]{0,12}?(?:纠正|撤销|确认违法))"
)
# A claim limited to some of the cases: a part (其中), the concluded ones, one instance.
_SOME_CASES = re.compile(r"其中|一审|二审|再审|终审")
_CONCLUDED_ONLY = re.compile(r"已审结|审结的|已结案|结案的|已办结|办结的|审理终结|已作出")
_T4_COMPARISON = re.compile(r"上年|去年|前年|同比|以来|历年|累计")


_AFTER_REVIEW = re.compile(r"(?:行政)?复议后(?:提起|起诉)(?:行政诉讼)?")
_DIRECT = re.compile(
    r"未经(?:行政)?复议(?:直接)?(?:提起|起诉)?(?:行政诉讼)?|直接(?:提起|起诉)(?:行政诉讼)?"
)


def _case_groups(words: str) -> tuple[str, ...]:
    """The 表四 groups a claim speaks of, from the words naming them: 行政复议, 行政诉讼 (both
    groups), or only 复议后起诉 / 未经复议直接起诉."""
    after, direct = bool(_AFTER_REVIEW.search(words)), bool(_DIRECT.search(words))
    rest = _DIRECT.sub("", _AFTER_REVIEW.sub("", words)).replace("经复议", "")
    review = "复议" in rest
    litigation = "诉讼" in rest or "起诉" in rest or ("败诉" in rest and not review)
    groups = ("review",) if review else ()
    if litigation or (after and direct):
        return (*groups, "litigation_direct", "litigation_after_review")
    return (
        groups
        + (("litigation_direct",) if direct else ())
        + (("litigation_after_review",) if after else ())
    )


def _about_disclosure(s: Sentence) -> bool:
    # An agency such as a 司法局 also reports the review cases it decides (narrative.py).
    return s.section == "四" or any(w in s.text or w in s.previous for w in ("信息公开", "依申请"))


def _case_claims(ctx: Context):
    year = ctx.report.year
    for s in _sentences(ctx, _CASE_ANCHORS):
        if not _about_disclosure(s):
            continue
        for kind, pattern in (("all_upheld", _ALL_UPHELD), ("none_corrected", _NONE_CORRECTED)):
            for m in pattern.finditer(s.text):
                segment = _segment(s.text, m.start())
                if _SOME_CASES.search(_clause(s.text, m.start())):
                    continue
                # months are no objection here: a case's dates are no other period of the report
                if _T4_COMPARISON.search(segment) or _other_year(segment, year):
                    continue
                # the claim's own words and the rest of its clause may name the cases
                # (未发生被行政复议纠错或行政诉讼败诉情形)
                rest = _CLAUSE_BREAK.split(s.text[m.end() :], maxsplit=1)[0]
                groups = _case_groups(segment + m.group(0) + rest)
                if groups:
                    yield s, kind, m.group(0), groups, bool(_CONCLUDED_ONLY.search(segment))


def _count(ctx: Context, groups, part) -> int | None:
    values = [ctx.report.t4[g].get(part) for g in groups if g in ctx.report.t4]
    return None if not values or all(v is None for v in values) else sum(v or 0 for v in values)


@rule(
    "NARR-T4-UPHELD",
    Severity.ERROR,
    title="正文称复议、诉讼“均获维持”“未被纠错”与表四相符",
    basis="表四「结果维持」「结果纠正」「其他结果」「尚未审结」（statute.md §1.6）；正文与表格须一致：国办公开办函〔2021〕30号（四）明确责任（A 级）。"
    "称均获维持或未被纠错而表四有结果纠正为错误；称均获维持而表四有其他结果或尚未审结为警告（报告成文时案件或已审结）",
    grade="B",
)
def narrative_upheld(ctx: Context):
    t4 = ctx.report.t4
    for s, kind, said, groups, concluded_only in _case_claims(ctx) if t4 else ():
        groups = tuple(g for g in groups if g in t4)
        if not groups:
            continue
        names = "、".join(labels.t4_group(g) for g in groups)
        where = f"第{s.section}部分" if s.section else "前言"
        location = Location(
            section=s.section, table=T4, row=groups[0], column="corrected", text=s.text
        )
        corrected = _count(ctx, groups, "corrected")
        if corrected:
            yield Issue(
                f"{where}正文称「{said}」（{names}），而表四{names}「结果纠正」共 {corrected} 件；请核对正文与表四。{_scope_note(s)}",
                location,
                expected=0,
                actual=corrected,
                severity=_severity(s),
            )
            continue
        if kind != "all_upheld":
            continue
        open_parts = (
            {"other": "其他结果"}
            if concluded_only
            else {"other": "其他结果", "pending": "尚未审结"}
        )
        counts = {label: _count(ctx, groups, part) for part, label in open_parts.items()}
        counts = {label: n for label, n in counts.items() if n}
        if counts:
            yield Issue(
                f"{where}正文称「{said}」（{names}），而表四{names}有"
                f"{'、'.join(f'「{label}」{n} 件' for label, n in counts.items())}，并非全部维持；"
                f"若报告成文时案件已审结并维持，宜在正文中说明。",
                Location(
                    section=s.section,
                    table=T4,
                    row=groups[0],
                    column="pending" if "尚未审结" in counts else "other",
                    text=s.text,
                ),
                expected=0,
                actual=sum(counts.values()),
                severity=Severity.WARNING,
            )

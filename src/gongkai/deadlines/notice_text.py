"""Reading a year's holiday schedule from text an administrator pastes: the State Council notice
itself, or plain date ranges, one festival per line.

The notice's own wording (《国务院办公厅关于2026年部分节假日安排的通知》):

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。

Plain lines work too: ``2027-10-01至2027-10-07 国庆节`` or ``调休上班：2027-09-26、2027-10-09``.

Rules: a line without a date is skipped (the notice's preamble); a line's festival is the text
before its colon (or, without one, the words left when the dates are removed); within a line, a
sentence (up to 。or ；) that says 上班 lists make-up working days, any other sentence days off
(a date with neither a festival nor 放假 is refused: the notice's own date, pasted by mistake);
``A至B`` (also 到, ~, —) is every day from A to B; a date
without a year is in the notice's year, and one without a month takes the month before it;
parentheses (weekdays, lunar dates) are ignored.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .errors import HolidayTableError

_ENUMERATION = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．]\s*")
_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
_SENTENCES = re.compile(r"[。；;\n]")
# 2027年2月5日, 2027-02-05, 2027/2/5, 2月5日, 5日 (the last only after a range word or a list mark).
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*[年\-/.])?\s*(?:(?P<m>\d{1,2})\s*[月\-/.])\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<day>\d{1,2})\s*日"
)
_RANGE = re.compile(r"\s*(?:至|到|~|～|—|–|－|\s-\s)\s*")
_LIST = re.compile(r"\s*[、，,和及]\s*")
_WORK = "上班"
_NOISE = re.compile(r"放假|调休|补休|共\s*\d+\s*天|上班|至|到|[~～—–－，,、：:。；;\s]")


class _Cursor:
    """The year and month a date without them takes: the notice's year, the month last read."""

    def __init__(self, year: int) -> None:
        self.year, self.month = year, None

    def read(self, match: re.Match, where: str) -> date:
        if match["day"] is not None:
            if self.month is None:
                raise HolidayTableError(f"{where}：“{match[0].strip()}”缺少月份")
            year, month, day = self.year, self.month, int(match["day"])
        else:
            year = int(match["y"]) if match["y"] else self.year
            month, day = int(match["m"]), int(match["d"])
        try:
            found = date(year, month, day)
        except ValueError:
            raise HolidayTableError(f"{where}：“{match[0].strip()}”不是有效日期") from None
        self.year, self.month = found.year, found.month
        return found


def _dates(sentence: str, cursor: _Cursor, where: str) -> list[date]:
    """Every date a sentence names, ranges expanded, in order."""
    found: list[date] = []
    pos, pending_range = 0, False
    while True:
        match = _DATE.search(sentence, pos)
        if match is None:
            break
        day = cursor.read(match, where)
        if pending_range:
            start = found[-1]
            if day < start:
                raise HolidayTableError(f"{where}：日期范围 {start} 至 {day} 的结束早于开始")
            if (day - start).days > 60:
                raise HolidayTableError(f"{where}：日期范围 {start} 至 {day} 超过60天，请核对")
            found += [start + timedelta(days=i) for i in range(1, (day - start).days + 1)]
        else:
            found.append(day)
        pos = match.end()
        pending_range = bool(_RANGE.match(sentence, pos))
    return found


def parse_notice(text: str, year: int) -> tuple[dict[date, str], frozenset[date]]:
    """(days off with their festival, make-up working days) from pasted notice text.

    Raises HolidayTableError naming the line for text it cannot read; the caller then builds a
    `HolidayYear`, which checks the schedule itself (a make-up day on a weekday, a date outside
    the year…)."""
    holidays: dict[date, str] = {}
    workdays: set[date] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _ENUMERATION.sub("", _PARENS.sub("", raw)).strip()
        if not line:
            continue
        where = f"第{number}行"
        name, sep, rest = line.partition("：") if "：" in line else line.partition(":")
        if not sep:
            name, rest = "", line
        cursor = _Cursor(year)
        for sentence in _SENTENCES.split(rest):
            days = _dates(sentence, cursor, where)
            if not days:
                continue  # the notice's other sentences (its preamble, 共N天)
            if _WORK in sentence or _WORK in name:
                workdays.update(days)
                continue
            festival = name.strip() or _NOISE.sub("", _DATE.sub("", sentence))
            if not festival and "放假" not in sentence and "休" not in sentence:
                raise HolidayTableError(
                    f"{where}：“{raw.strip()}”没有说明是哪个节日放假还是调休上班"
                )
            for day in days:
                holidays.setdefault(day, festival)
    if not holidays and not workdays:
        raise HolidayTableError("没有读到任何日期")
    return holidays, frozenset(workdays)

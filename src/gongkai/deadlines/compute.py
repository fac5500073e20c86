"""The answer deadline of one application under 《条例》, with the steps that explain it.

Conventions where the Regulation is silent (docs/deadlines.md gives the reasons):
- "自收到申请之日起20个工作日内" is counted from the day after receipt; the day of receipt is
  not counted. National text fixing this was not found (statute.md §6: UNVERIFIED); it is the
  general rule for periods in days (《民法典》第二百零一条：开始的当日不计入，自下一日开始计算).
- A pause covers its first and last day, both included (the days the consultation letter went
  out and the reply came back are both "所需时间" under 第三十三条第三款).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from .case import (
    ANSWER_DAYS,
    CONSULTATION_REPLY_DAYS,
    CORRECTION_NOTICE_DAYS,
    CaseHistory,
    Pause,
    PauseKind,
)
from .holidays import HolidayYear, weekday_zh
from .working_calendar import ONE_DAY, WorkingCalendar


class DeadlineState(Enum):
    DUE = "due"  # the due date is known
    PAUSED = "paused"  # a pause without an end date stops the clock
    AWAITING_CORRECTION = "awaiting_correction"  # 补正 requested, not yet received (第三十条)


@dataclass(frozen=True)
class Deadline:
    state: DeadlineState
    due: date | None
    clock_start: date | None
    working_days: int  # the period: 20, or 20 + extension
    counted: int  # working days run so far (== working_days once due is known)
    correction_notice_due: date  # last day to send a 补正 notice (第三十条)
    explanation: tuple[str, ...]
    # Years counted with a provisional schedule (no notice yet): the dates above may still move.
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> str:
        """Why the dates are provisional ('' when every year's notice is known)."""
        return provisional_reason(self.provisional_years)

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": iso(self.due),
            "explanation": list(self.explanation),
            "state": self.state.value,
            "clock_start": iso(self.clock_start),
            "working_days": self.working_days,
            "counted": self.counted,
            "correction_notice_due": iso(self.correction_notice_due),
            "provisional_years": list(self.provisional_years),
        }


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def provisional_reason(years: tuple[int, ...] | list[int]) -> str:
    if not years:
        return ""
    named = "、".join(str(y) for y in years)
    return (
        f"{named}年节假日安排尚未录入，暂按《全国年节及纪念日放假办法》规定的法定节假日和周末推算；"
        "录入国务院办公厅通知后重新计算"
    )


_REPLY_RULES = {
    PauseKind.THIRD_PARTY: f"第三方应自收到征求意见书之日起{CONSULTATION_REPLY_DAYS}个工作日内提出意见（第三十二条）",
    PauseKind.AGENCY: f"被征求意见机关应自收到征求意见书之日起{CONSULTATION_REPLY_DAYS}个工作日内提出意见，逾期未提出的视为同意公开（第三十四条）",
}


def compute_deadline(case: CaseHistory, calendar: WorkingCalendar | None = None) -> Deadline:
    """Due date and Chinese explanation; raises UnknownYearError rather than guess a calendar."""
    cal = calendar or WorkingCalendar()
    steps = [f"{case.received} 收到申请（第三十一条）"]
    notice_due = cal.add_working_days(case.received, CORRECTION_NOTICE_DAYS)
    limit = ANSWER_DAYS + (case.extension.working_days if case.extension else 0)

    start = case.clock_start
    if case.correction is not None:
        steps += _correction_steps(case, notice_due)
    if start is None:
        provisional = tuple(
            n.year for n in _notices(cal, case.received, notice_due) if n.provisional
        )
        return Deadline(
            DeadlineState.AWAITING_CORRECTION,
            None,
            None,
            limit,
            0,
            notice_due,
            tuple(steps),
            provisional,
        )

    steps.append(f"自次日（{start + ONE_DAY}）起算{ANSWER_DAYS}个工作日（第三十三条第二款）")
    steps.append("周六、周日及法定节假日不计入，调休上班日计入（依国务院办公厅节假日安排通知）")
    if case.extension:
        ext = case.extension
        when = f"（{ext.approved}批准）" if ext.approved else ""
        steps.append(
            f"经政府信息公开工作机构负责人同意{when}，延长答复期限{ext.working_days}个工作日，"
            f"合计{limit}个工作日（第三十三条第二款）"
        )

    walk = _Walk(cal, start, limit, case.pauses)
    dated: list[tuple[date, str]] = []
    dated += _holiday_steps(walk.holidays)
    dated += [(d, f"{d}（{weekday_zh(d)}）调休上班，计入工作日") for d in walk.makeups]
    dated += _pause_steps(cal, walk)
    if case.extension and walk.original_due:
        dated.append(
            (
                walk.original_due,
                f"{walk.original_due} 为原答复期限届满日（第{ANSWER_DAYS}个工作日）",
            )
        )
        approved = case.extension.approved
        if approved and approved > walk.original_due:
            dated.append(
                (
                    approved,
                    f"注意：延期于 {approved} 批准，晚于原答复期限届满日 {walk.original_due}",
                )
            )
    steps += [text for _, text in sorted(dated, key=lambda pair: pair[0])]

    notices = _notices(cal, case.received, max(walk.last_day, notice_due))
    provisional = tuple(n.year for n in notices if n.provisional)
    if walk.due is None:
        steps.append(
            f"期限暂停：已计{walk.counted}个工作日，尚余{limit - walk.counted}个工作日，恢复计算后再确定届满日"
        )
        state = DeadlineState.PAUSED
    else:
        mark = "（暂定）" if provisional else ""
        steps.append(f"答复期限届满日：{walk.due}{mark}（第{limit}个工作日）")
        state = DeadlineState.DUE
    steps += [f"节假日依据：{n.notice}" for n in notices]
    return Deadline(
        state, walk.due, start, limit, walk.counted, notice_due, tuple(steps), provisional
    )


class _Walk:
    """Day-by-day run of the clock from `start` (excluded) until `limit` working days have counted."""

    def __init__(
        self, cal: WorkingCalendar, start: date, limit: int, pauses: tuple[Pause, ...]
    ) -> None:
        self.counted = 0
        self.due: date | None = None
        self.original_due: date | None = None
        self.open_pause: Pause | None = None
        self.holidays: list[tuple[date, str]] = []
        self.makeups: list[date] = []
        self.pauses = pauses
        self.start = start
        day = start
        while self.counted < limit:
            day += ONE_DAY
            pause = next((p for p in pauses if p.covers(day)), None)
            if pause is not None:
                if pause.end is None:
                    self.open_pause = pause
                    break
                continue
            if cal.is_workday(day):
                self.counted += 1
                if cal.is_makeup_workday(day):
                    self.makeups.append(day)
                if self.counted == ANSWER_DAYS:
                    self.original_due = day
            else:
                name = cal.holiday_name(day)
                if name is not None:
                    self.holidays.append((day, name))
        else:
            self.due = day
        self.last_day = day


def _correction_steps(case: CaseHistory, notice_due: date) -> list[str]:
    c = case.correction
    assert c is not None
    steps = []
    if c.requested:
        steps.append(
            f"{c.requested} 一次性告知申请人补正（第三十条：应自收到申请之日起{CORRECTION_NOTICE_DAYS}个工作日内告知，"
            f"即不晚于 {notice_due}）"
        )
        if c.requested > notice_due:
            steps.append(f"注意：告知补正晚于第三十条规定的期限（{notice_due}）")
    if c.received:
        steps.append(f"{c.received} 收到补正后的申请，答复期限自该日起重新计算（第三十条）")
    else:
        steps.append(
            "尚未收到补正；答复期限自收到补正后的申请之日起计算（第三十条）；申请人无正当理由逾期不补正的，视为放弃申请"
        )
    return steps


def _span(first: date, last: date) -> str:
    if first == last:
        return first.isoformat()
    tail = last.strftime("%m-%d") if first.year == last.year else last.isoformat()
    return f"{first}至{tail}"


def _holiday_steps(days: list[tuple[date, str]]) -> list[tuple[date, str]]:
    """Runs of consecutive days off, named after their festivals: '2024-10-01至10-07国庆节假期不计入'."""
    runs: list[list[tuple[date, str]]] = []
    for day, name in days:
        if runs and runs[-1][-1][0] + ONE_DAY == day:
            runs[-1].append((day, name))
        else:
            runs.append([(day, name)])
    steps = []
    for run in runs:
        names = "、".join(dict.fromkeys(n for _, n in run if n)) or "法定节假日"
        steps.append((run[0][0], f"{_span(run[0][0], run[-1][0])}{names}假期不计入"))
    return steps


def _pause_steps(cal: WorkingCalendar, walk: _Walk) -> list[tuple[date, str]]:
    steps = []
    for pause in walk.pauses:
        kind = pause.kind
        if walk.due is not None and pause.start > walk.due:
            steps.append(
                (pause.start, f"{kind.label}开始于 {pause.start}，在答复期限届满之后，不影响期限")
            )
            continue
        if walk.open_pause is not None and pause.start > walk.open_pause.start:
            continue
        if pause.end is None:
            text = f"{kind.label}自 {pause.start} 起，尚未结束，期间不计入（{kind.basis}）"
        else:
            # The clock-start day is never counted, so a pause beginning on it saves nothing there.
            inside = cal.working_days_between(max(pause.start - ONE_DAY, walk.start), pause.end)
            text = f"{kind.label} {pause.start}至{pause.end}，期间不计入（{kind.basis}；其中{inside}个工作日）"
        if kind in _REPLY_RULES:
            text += "；" + _REPLY_RULES[kind]
        steps.append((pause.start, text))
    return steps


def _notices(cal: WorkingCalendar, first: date, last: date) -> list[HolidayYear]:
    seen: dict[int, HolidayYear] = {}
    for year in range(first.year, last.year + 1):
        for day in (date(year, 1, 1), max(first, min(last, date(year, 12, 31)))):
            for entry in cal.notices_for(day):
                seen.setdefault(entry.year, entry)
    return [seen[y] for y in sorted(seen)]

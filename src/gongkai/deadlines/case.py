"""The case history a deadline is computed from: receipt, 补正, pauses, extension."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .errors import CaseHistoryError

ANSWER_DAYS = 20  # 《条例》第三十三条第二款
MAX_EXTENSION_DAYS = 20  # 《条例》第三十三条第二款：延长的期限最长不得超过20个工作日
CORRECTION_NOTICE_DAYS = 7  # 《条例》第三十条
CONSULTATION_REPLY_DAYS = 15  # 《条例》第三十二条（第三方）、第三十四条（其他机关）


class PauseKind(Enum):
    """Why the clock stops. Value: (Chinese label, legal basis shown to the clerk)."""

    CONSULTATION = ("征求第三方或其他机关意见", "第三十三条第三款")
    THIRD_PARTY = ("征求第三方意见", "第三十三条第三款、第三十二条")
    AGENCY = ("征求其他机关意见", "第三十三条第三款、第三十四条")
    # 国办函〔2020〕109号 is read only up to its art. 5 (statute.md §5): that payment stops the
    # clock is common practice, not a verified article, and the explanation says so.
    FEE = ("通知缴纳信息处理费至缴费", "国办函〔2020〕109号，相关条款待核实")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def basis(self) -> str:
        return self.value[1]


@dataclass(frozen=True)
class Pause:
    """Days from `start` to `end`, both included, do not count; `end` None = still running."""

    kind: PauseKind
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Correction:
    """补正 (第三十条): notice sent on `requested`, corrected application received on `received`."""

    requested: date | None = None
    received: date | None = None


@dataclass(frozen=True)
class Extension:
    """延期 (第三十三条第二款), approved by the head of the GIO body on `approved` (if recorded)."""

    working_days: int = MAX_EXTENSION_DAYS
    approved: date | None = None


@dataclass(frozen=True)
class CaseHistory:
    """Everything about one application that moves its answer deadline."""

    received: date
    correction: Correction | None = None
    pauses: tuple[Pause, ...] = field(default_factory=tuple)
    extension: Extension | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "pauses", tuple(sorted(self.pauses, key=lambda p: p.start)))
        self._validate()

    @property
    def clock_start(self) -> date | None:
        """The day the answer period runs from; None while a requested 补正 has not arrived."""
        if self.correction is None:
            return self.received
        return self.correction.received

    def _validate(self) -> None:
        c = self.correction
        if c is not None:
            if c.requested is None and c.received is None:
                raise CaseHistoryError("补正记录缺少日期：应至少填写告知补正日期或收到补正日期")
            if c.requested is not None and c.requested < self.received:
                raise CaseHistoryError(
                    f"告知补正日期 {c.requested} 早于收到申请日期 {self.received}"
                )
            if c.received is not None and c.received < (c.requested or self.received):
                raise CaseHistoryError(f"收到补正日期 {c.received} 早于告知补正日期或收到申请日期")
        if (
            self.extension is not None
            and not 1 <= self.extension.working_days <= MAX_EXTENSION_DAYS
        ):
            raise CaseHistoryError(
                f"延长期限为{self.extension.working_days}个工作日：延长的期限最长不得超过20个工作日（第三十三条第二款）"
            )
        start = self.clock_start
        for pause in self.pauses:
            if pause.end is not None and pause.end < pause.start:
                raise CaseHistoryError(
                    f"{pause.kind.label}：结束日期 {pause.end} 早于开始日期 {pause.start}"
                )
            if start is not None and pause.start < start:
                raise CaseHistoryError(
                    f"{pause.kind.label}开始于 {pause.start}，早于答复期限起算日 {start}"
                )
            if start is None:
                raise CaseHistoryError(f"尚未收到补正，不能记录{pause.kind.label}")
        for earlier, later in zip(self.pauses, self.pauses[1:], strict=False):
            if earlier.end is None:
                raise CaseHistoryError(
                    f"{earlier.kind.label}尚未结束，不能再开始{later.kind.label}"
                )

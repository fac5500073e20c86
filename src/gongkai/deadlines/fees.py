"""信息处理费 under 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 (statute.md §5).

Both schedules are 超额累进 (第三条): each tier's rate applies only to the units inside that tier.
One application is charged by one method, never both (第三条); `information_fee` takes exactly one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .errors import FeeError

BASIS = "国办函〔2020〕109号"

# Bounds on what can be priced. 109号 sets no ceiling; these keep a typing slip (or a hostile
# request) from pricing 10**30 items, and every amount within the 32-bit column that stores it
# (10,000 items in a month cost at most 498,502,000元, 100,000 pages 3,994,700元).
MAX_ITEMS_PER_MONTH = 10_000
MAX_PAGES = 100_000


class FeeMethod(Enum):
    PER_ITEM = "按件计收"  # 第四条
    PER_VOLUME = "按量计收"  # 第五条


@dataclass(frozen=True)
class TierCharge:
    """The units of one application falling in one tier: `first`–`last` at `rate` 元 each."""

    first: int
    last: int
    rate: int
    unit: str  # 件 or 页

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.count * self.rate

    def line(self) -> str:
        where = (
            f"第{self.first}{self.unit}"
            if self.first == self.last
            else f"第{self.first}—{self.last}{self.unit}"
        )
        if self.rate == 0:
            return f"{where}：{self.count}{self.unit}，不收费"
        return f"{where}：{self.count}{self.unit}×{self.rate}元/{self.unit}={self.amount}元"


@dataclass(frozen=True)
class Fee:
    method: FeeMethod
    quantity: int
    amount: int  # 元
    tiers: tuple[TierCharge, ...]

    def lines(self) -> list[str]:
        """The breakdown for the 收费通知."""
        return [
            *(t.line() for t in self.tiers),
            f"合计：{self.amount}元（{self.method.value}，{BASIS}）",
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method.value,
            "quantity": self.quantity,
            "amount": self.amount,
            "tiers": [
                {
                    "first": t.first,
                    "last": t.last,
                    "rate": t.rate,
                    "count": t.count,
                    "amount": t.amount,
                }
                for t in self.tiers
            ],
            "lines": self.lines(),
        }


def _item_tiers() -> Iterator[tuple[int, int | None, int]]:
    """第四条: 1–10 free; 11–30 at 100元/件; then 以10件为一档，每增加一档，收费标准提高100元/件.

    UNVERIFIED reading of the open-ended tier (statute.md §5): 31–40 at 200, 41–50 at 300, … —
    each further block of ten items costs 100元/件 more than the block before.
    """
    yield 1, 10, 0
    yield 11, 30, 100
    first, rate = 31, 200
    while True:
        yield first, first + 9, rate
        first, rate = first + 10, rate + 100


def _page_tiers() -> Iterator[tuple[int, int | None, int]]:
    """第五条 tiers (statute.md §5, from a government fee list citing 109号)."""
    yield 1, 30, 0
    yield 31, 100, 10
    yield 101, 200, 20
    yield 201, None, 40


def _charge(method: FeeMethod, first_unit: int, last_unit: int, tiers, unit: str) -> Fee:
    charges = []
    for low, high, rate in tiers:
        if low > last_unit:
            break
        lo, hi = max(low, first_unit), last_unit if high is None else min(high, last_unit)
        if lo <= hi:
            charges.append(TierCharge(lo, hi, rate, unit))
    quantity = max(0, last_unit - first_unit + 1)
    return Fee(method, quantity, sum(c.amount for c in charges), tuple(charges))


def per_item_fee(items: int, already_this_month: int = 0) -> Fee:
    """Fee for `items` applications (after 一事一申请 splitting) by an applicant who has already made
    `already_this_month` in the same natural month (第四条：同一申请人一个自然月内累计)."""
    if items < 0 or already_this_month < 0:
        raise FeeError(f"件数不能为负数：本次{items}件，本月此前{already_this_month}件")
    if items > MAX_ITEMS_PER_MONTH or already_this_month > MAX_ITEMS_PER_MONTH - items:
        raise FeeError(
            f"件数超出可计算范围：同一申请人一个自然月内累计不超过{MAX_ITEMS_PER_MONTH}件"
        )
    first = already_this_month + 1
    return _charge(FeeMethod.PER_ITEM, first, already_this_month + items, _item_tiers(), "件")


def per_volume_fee(pages: int) -> Fee:
    """Fee for `pages` pages provided for one application (第五条)."""
    if pages < 0:
        raise FeeError(f"页数不能为负数：{pages}")
    if pages > MAX_PAGES:
        raise FeeError(f"页数超出可计算范围：每件申请不超过{MAX_PAGES}页")
    return _charge(FeeMethod.PER_VOLUME, 1, pages, _page_tiers(), "页")


def information_fee(method: FeeMethod, quantity: int, *, already_this_month: int = 0) -> Fee:
    """The fee of one application by the single method the agency chose (第三条: never both)."""
    if method is FeeMethod.PER_ITEM:
        return per_item_fee(quantity, already_this_month)
    if already_this_month:
        raise FeeError("按量计收按每件申请提供的页数计算，不累计本月此前的申请")
    return per_volume_fee(quantity)

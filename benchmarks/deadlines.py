"""Measure how fast answer deadlines are computed (a list view computes one per open application).

Run: .venv/bin/python benchmarks/deadlines.py — prints the measured figures; copy them to docs/deadlines.md.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from gongkai.deadlines import (
    CaseHistory,
    Extension,
    Pause,
    PauseKind,
    WorkingCalendar,
    compute_deadline,
)

N = 5000


def cases() -> list[CaseHistory]:
    start = date(2023, 1, 1)
    out = []
    for i in range(N):
        received = start + timedelta(days=i % 1000)  # 2023-01-01 … 2025-09-27
        pause = Pause(
            PauseKind.THIRD_PARTY, received + timedelta(days=5), received + timedelta(days=20)
        )
        out.append(
            CaseHistory(
                received,
                pauses=(pause,) if i % 3 == 0 else (),
                extension=Extension() if i % 2 else None,
            )
        )
    return out


def main() -> None:
    histories = cases()
    calendar = WorkingCalendar()
    compute_deadline(histories[0], calendar)  # load the package years once
    t0 = time.perf_counter()
    for case in histories:
        compute_deadline(case, calendar)
    elapsed = time.perf_counter() - t0
    print(
        f"{N} deadlines (half extended, a third with a consultation pause): {elapsed:.3f} s, "
        f"{elapsed / N * 1e6:.0f} µs each"
    )


if __name__ == "__main__":
    main()

"""`gongkai deadline --received YYYY-MM-DD [--extended [N]] [--corrected DATE] [--paused FROM:TO]... [--json]`.

Prints the answer deadline under 《条例》第三十三条 and how it was computed. Exit 0 on success,
2 when the holiday schedule of a year is not known or the input is impossible.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from ..deadlines import (
    MAX_EXTENSION_DAYS,
    CaseHistory,
    Correction,
    DeadlineError,
    Extension,
    Pause,
    PauseKind,
    StaticHolidayTable,
    WorkingCalendar,
    compute_deadline,
)
from ._io import EXIT_OK, EXIT_UNREADABLE, print_json


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text!r}") from None


def _period(text: str) -> tuple[date, date | None]:
    start, sep, end = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(
            f"期间格式应为 起始日期:结束日期（结束日期可空）：{text!r}"
        )
    return _day(start), (_day(end) if end else None)


def register(sub) -> None:
    p = sub.add_parser("deadline", help="按工作日计算政府信息公开申请的答复期限")
    p.add_argument(
        "--received",
        type=_day,
        required=True,
        metavar="YYYY-MM-DD",
        help="收到申请之日（第三十一条）",
    )
    p.add_argument(
        "--extended",
        type=int,
        nargs="?",
        const=MAX_EXTENSION_DAYS,
        metavar="N",
        help="经负责人同意延长答复期限 N 个工作日（默认20，第三十三条第二款）",
    )
    p.add_argument(
        "--correction-requested", type=_day, metavar="YYYY-MM-DD", help="告知补正之日（第三十条）"
    )
    p.add_argument(
        "--corrected",
        type=_day,
        metavar="YYYY-MM-DD",
        help="收到补正后申请之日，期限重新起算（第三十条）",
    )
    p.add_argument(
        "--paused",
        type=_period,
        action="append",
        default=[],
        metavar="FROM:TO",
        help="征求第三方或其他机关意见的期间，不计入期限（第三十三条第三款）；可重复；TO 为空表示尚未结束",
    )
    p.add_argument(
        "--fee-paused",
        type=_period,
        action="append",
        default=[],
        metavar="FROM:TO",
        help="通知缴费至缴费的期间，不计入期限（国办函〔2020〕109号，条款待核实）；可重复",
    )
    p.add_argument(
        "--holidays",
        metavar="FILE",
        help="节假日表 JSON（优先于内置数据），用于内置数据未覆盖的年份",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        calendar = WorkingCalendar(_holiday_table(args.holidays) if args.holidays else None)
        correction = None
        if args.correction_requested or args.corrected:
            correction = Correction(requested=args.correction_requested, received=args.corrected)
        pauses = [Pause(PauseKind.CONSULTATION, s, e) for s, e in args.paused]
        pauses += [Pause(PauseKind.FEE, s, e) for s, e in args.fee_paused]
        case = CaseHistory(
            received=args.received,
            correction=correction,
            pauses=tuple(pauses),
            extension=Extension(args.extended) if args.extended is not None else None,
        )
        result = compute_deadline(case, calendar)
    except (DeadlineError, OSError) as exc:
        print(f"gongkai deadline: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.json:
        print_json(result.to_dict())
        return EXIT_OK
    head = f"答复期限届满日：{result.due}" if result.due else "答复期限届满日：暂不能确定"
    print(head)
    for number, step in enumerate(result.explanation, 1):
        print(f"{number}. {step}")
    return EXIT_OK


def _holiday_table(path: str) -> StaticHolidayTable:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise OSError(f"{path}：不是有效的 JSON（第{exc.lineno}行）") from None
    except OSError as exc:
        raise OSError(f"{path}：无法读取（{exc.strerror}）") from None
    try:
        return StaticHolidayTable.from_json_data(data)
    except DeadlineError as exc:
        raise OSError(f"{path}：{exc}") from None

"""`gongkai extract FILE --json`: the canonical JSON of a published report."""

from __future__ import annotations

from ._io import EXIT_OK, EXIT_UNREADABLE, print_json, read_or_fail


def register(sub) -> None:
    p = sub.add_parser("extract", help="读取报告并输出规范 JSON")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出规范 JSON（默认即为 JSON）")
    p.set_defaults(func=run)


def run(args) -> int:
    report = read_or_fail(args.file)
    if report is None:
        return EXIT_UNREADABLE
    print_json(report.to_dict())
    return EXIT_OK

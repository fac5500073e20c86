"""`gongkai convert FILE --to html|docx|pdf|xlsx|md -o OUT`: a report in the official layout.

Reads any report `gongkai.report.read` can read and writes it in another format. Exit 0 on
success; 2 with a one-line reason when the input cannot be read or the output cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..report.writers import WRITERS, WriterUnavailable, formats, write
from ._io import EXIT_OK, EXIT_UNREADABLE, read_or_fail


def register(sub) -> None:
    p = sub.add_parser(
        "convert", help="将年度报告转换为 HTML、DOCX、PDF、XLSX 或 Markdown（按法定格式排版）"
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", choices=formats(), help="输出格式（省略时按输出文件扩展名确定）")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件")
    p.set_defaults(func=run)


def _format(args) -> str | None:
    if args.to:
        return args.to
    suffix = Path(args.output).suffix.lower().lstrip(".")
    return next((w.name for w in WRITERS.values() if suffix in (w.name, w.extension)), None)


def run(args) -> int:
    fmt = _format(args)
    if fmt is None:
        print(
            f"gongkai: {args.output}: 无法从扩展名确定输出格式，请用 --to 指定（{'、'.join(formats())}）",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    report = read_or_fail(args.file)
    if report is None:
        return EXIT_UNREADABLE
    try:
        data = write(report, fmt)
    except WriterUnavailable as exc:
        print(f"gongkai: {args.output}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        print(f"gongkai: {args.output}: 无法写入输出文件：{exc.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK

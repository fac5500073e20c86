"""The `gongkai` command. Each sub-command lives in its own module with `register(subparsers)`."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

# Sub-command modules, in the order `gongkai --help` lists them.
COMMANDS = ("check", "audit", "extract", "deadline", "convert")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai", description="政府信息公开工作年度报告：读取、校验、转换"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `gongkai check … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

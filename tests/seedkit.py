"""The seed report (../shared/seeds/…) as a Report, read in place.

Until the text reader (branch `text`) lands, this helper reads the one seed file by its plain
layout — headings on their own lines, every table cell on its own line — so the rule tests can
run on the real text and numbers without copying them into the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.report import GongkaiError, Report, SectionText, read
from gongkai.report.templates import TEMPLATE_2019

_HEADINGS = (
    ("一", "总体情况"),
    ("二", "主动公开政府信息情况"),
    ("三", "收到和处理政府信息公开申请情况"),
    ("四", "政府信息公开行政复议、行政诉讼情况"),
    ("五", "存在的主要问题及改进情况"),
    ("六", "其他需要报告的事项"),
)
_HEADING = re.compile(r"^\s*(?:[一二三四五六]|\d)、\s*(.+?)\s*$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def seed_report(path: Path) -> Report:
    try:
        return read(path)
    except GongkaiError:
        return _by_layout(path)


def _by_layout(path: Path) -> Report:
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].strip()
    starts: list[tuple[int, str, str]] = []
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if m:
            for number, words in _HEADINGS:
                if m.group(1) == words and all(n != number for _, n, _ in starts):
                    starts.append((i, number, line.strip()))
    sections = []
    for k, (i, number, heading) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = lines[i + 1 : end]
        if number in ("二", "三", "四"):  # table sections: keep only the prose before the table
            body = []
        sections.append(SectionText(number, heading, "\n".join(body).strip()))
    preamble = "\n".join(lines[1 : starts[0][0]]).strip()

    def numbers(section: str) -> list[int]:
        i = next(i for i, n, _ in starts if n == section)
        end = next((j for j, n, _ in starts if j > i), len(lines))
        return [int(x.strip()) for x in lines[i + 1 : end] if _NUMBER.match(x.strip())]

    cols = TEMPLATE_2019.t3_column_keys
    cells = numbers("三")
    rows = TEMPLATE_2019.t3_row_keys
    assert len(cells) == len(rows) * len(cols), "seed layout changed"
    t3 = {row: dict(zip(cols, cells[k * 7 : k * 7 + 7], strict=True)) for k, row in enumerate(rows)}
    cases = numbers("四")
    t4 = {g: dict(zip(TEMPLATE_2019.t4_column_keys, cases[k * 5 : k * 5 + 5], strict=True)) for k, g in enumerate(TEMPLATE_2019.t4_group_keys)}
    year = int(re.search(r"(\d{4})年度", "\n".join(lines)).group(1))
    return Report(agency=None, year=year, template="2019", title=title, preamble=preamble, sections=sections, t3=t3, t4=t4, source=str(path))

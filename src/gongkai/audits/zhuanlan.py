"""The 专栏 (政府信息公开专栏) of a unit inside the system, checked for the bulk audit: its 指南 with
every element 《条例》第十二条 names, its 目录 current, the annual reports of the last years present.

The 专栏 is built by another part of gongkai (issue "Proactive disclosure"), which provides
`zhuanlan_gaps(agency)` (gongkai.zfxxgk.gaps): the list of what is missing, in Chinese, empty when nothing is. Until that
function is installed (GUIDE_GAPS names it), every unit's report says so — ZHUANLAN-NOT-CHECKED,
"专栏尚未建设/未检查" — and nothing passes silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.module_loading import import_string

from gongkai.report.findings import Finding
from gongkai.report.rules.audit import GUIDE_GAP, GUIDE_NOT_CHECKED

# Where `zhuanlan_gaps(agency) -> Iterable[str]` lives (the 专栏 of gongkai.zfxxgk).
GUIDE_GAPS = "gongkai.zfxxgk.gaps.zhuanlan_gaps"


def guide_gaps_function() -> Callable[[object], Iterable[str]] | None:
    try:
        return import_string(GUIDE_GAPS)
    except ImportError:
        return None


def zhuanlan_findings(
    agency, gaps: Callable[[object], Iterable[str]] | None = None
) -> list[Finding]:
    """Findings about the unit's 专栏; `agency` None: the report's agency is not a unit of the system."""
    if agency is None:
        return [
            GUIDE_NOT_CHECKED.finding(
                "报告所属机关不是本系统内的单位，专栏未检查（只能核对系统内单位的政府信息公开专栏）。"
            )
        ]
    gaps = gaps or guide_gaps_function()
    if gaps is None:
        return [
            GUIDE_NOT_CHECKED.finding(
                f"专栏尚未建设/未检查：本系统尚未建设「{agency.name}」的政府信息公开专栏，未核对指南要素（《条例》第十二条）、目录是否更新、历年年度报告是否齐全。"
            )
        ]
    return [GUIDE_GAP.finding(f"「{agency.name}」政府信息公开专栏：{gap}") for gap in gaps(agency)]

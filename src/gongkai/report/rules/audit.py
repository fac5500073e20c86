"""Findings a bulk audit makes beyond `check()` (gongkai.report.audit): whether a report was
published on time, and what it could not check. Declared here with the rules (check=None, as the
reader rules), so that docs/rules.md and the registry list them; the audit raises them."""

from __future__ import annotations

from ..findings import Severity
from .base import Rule, declare

UNREADABLE = declare(
    Rule(
        "AUDIT-UNREADABLE",
        Severity.ERROR,
        title="文件无法读取为年度报告（损坏、加密或格式不支持），未能审核",
        basis="《条例》第五十条要求公布年度报告；无法读取的文件无法核对，不能当作没有问题",
        grade="A-law",
    )
)

PUBLISHED_LATE = declare(
    Rule(
        "PUB-LATE",
        Severity.ERROR,
        title="年度报告未按《条例》第四十九条规定的期限公布",
        basis="《条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向社会公布本行政机关上一年度政府信息公开工作年度报告；"
        "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度年度报告",
        grade="A-law",
    )
)

PUBLICATION_NOT_CHECKED = declare(
    Rule(
        "PUB-NOT-CHECKED",
        Severity.INFO,
        title="未能核对是否按期公布（发布日期未知，或期限无法确定）",
        basis="《条例》第四十九条的期限只能对照发布日期核对；日期未知时说明未核对，不作推测",
        grade="A-law",
    )
)

NO_PREVIOUS = declare(
    Rule(
        "X-YEAR-NO-PREVIOUS",
        Severity.INFO,
        title="未找到同一机关上一年度的报告，未作跨年度核对",
        basis="跨年度核对（X-YEAR-1、X-YEAR-2、X-YEAR-COPIED）需要同一机关上一年度的报告",
        grade="C",
    )
)

# The 专栏 (政府信息公开专栏) of a unit inside the system: its 指南 with every 第十二条 element, its
# 目录 current, the annual reports of the last years present. Raised by the web side
# (gongkai.audits.zhuanlan), which alone knows the units' 专栏.
GUIDE_GAP = declare(
    Rule(
        "ZHUANLAN-GAP",
        Severity.WARNING,
        title="政府信息公开专栏不完整（指南要素、目录或历年年度报告缺失）",
        basis="《条例》第十二条：行政机关编制、公布政府信息公开指南和政府信息公开目录并及时更新；"
        "第五十条：年度报告向社会公布",
        grade="A-law",
    )
)

GUIDE_NOT_CHECKED = declare(
    Rule(
        "ZHUANLAN-NOT-CHECKED",
        Severity.INFO,
        title="未检查政府信息公开专栏（专栏尚未建设，或单位不在系统内）",
        basis="专栏完整性只能对照系统内的专栏核对；无法核对时说明未检查，不当作合格",
        grade="A-law",
    )
)

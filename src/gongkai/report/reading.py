"""What reading a published report can notice (declared here; readers raise the findings).

These rules have no check: `assemble()` creates their findings while it maps the printed tables
to the template, and `check()` reports them first, with the rules' findings.
"""

from __future__ import annotations

from .findings import Severity
from .registry import Rule, declare

AMBIGUOUS_CELLS = declare(
    Rule(
        "READ-AMBIGUOUS-CELLS",
        Severity.WARNING,
        title="表格单元格粘连，无法唯一拆分，已留空",
        basis="读取规则：页面文本导出把一行的各单元格连在一起（如“230000023”），空白单元格消失；"
        "只有当表格应满足的勾稽关系（表三总计＝各申请人之和、办理结果之和＝（七）总计、表四总计＝四项之和）"
        "只容许一种拆分时才采用，否则不猜测",
        grade="B",
    )
)

UNREADABLE_CELL = declare(
    Rule(
        "READ-UNREADABLE-CELL",
        Severity.WARNING,
        title="表格单元格不是数字，已留空",
        basis="读取规则：表二、表三、表四的单元格应为数字；印刷为文字或符号（如“—”“无”）的单元格按空白处理并提示",
        grade="B",
    )
)

TABLE_NOT_FOUND = declare(
    Rule(
        "READ-TABLE-NOT-FOUND",
        Severity.ERROR,
        title="模板规定的表格未能读取（未找到，或表中没有读出数字），无法核对",
        basis="《条例》第五十条；国办公开办函〔2019〕60号、〔2021〕30号格式：年度报告应附表二、表三、表四。"
        "未读到的表格无法核对，不能当作没有问题（completeness.py）",
        grade="A",
    )
)

ROW_NOT_FOUND = declare(
    Rule(
        "READ-ROW-NOT-FOUND",
        Severity.WARNING,
        title="表格中未找到模板规定的行",
        basis="国办公开办函〔2019〕60号、〔2021〕30号格式规定的表三各行",
        grade="B",
    )
)

SECTION_NOT_FOUND = declare(
    Rule(
        "READ-SECTION-NOT-FOUND",
        Severity.INFO,
        title="未找到规定的章节标题",
        basis="《条例》第五十条规定年度报告应包括的六项内容；两版格式均以一至六节呈现",
        grade="A",
    )
)

NO_SECTIONS = declare(
    Rule(
        "READ-NO-SECTIONS",
        Severity.ERROR,
        title="未找到一至六任何一部分的标题，正文未能按部分读取",
        basis="《条例》第五十条规定年度报告应包括的内容；两版格式均以一至六部分呈现。"
        "一个部分都未读到时各部分内容无法核对，不能当作没有问题（completeness.py）",
        grade="A",
    )
)

UNPLACED_CELLS = declare(
    Rule(
        "READ-UNPLACED-CELLS",
        Severity.WARNING,
        title="表格中有无法对应到模板的数字",
        basis="读取规则：表格中印出的数字都应能对应到模板的行与列，不能对应的不丢弃而提示",
        grade="B",
    )
)

ROW_WITHOUT_CELLS = declare(
    Rule(
        "READ-ROW-WITHOUT-CELLS",
        Severity.WARNING,
        title="表格某行只印了行名，没有印出单元格",
        basis="读取规则：空白单元格读作空白（null），不读作 0；整行未印数字时提示核对",
        grade="B",
    )
)

NO_CONSISTENT_SPLIT = declare(
    Rule(
        "READ-NO-CONSISTENT-SPLIT",
        Severity.ERROR,
        title="粘连的数字无论怎样拆分都不满足本行的勾稽关系",
        basis="表三每行“总计”为六类申请人之和、表四每组“总计”为四项之和（两版格式的列结构）；"
        "单元格粘连且有多种拆分、而没有一种满足该关系时，原表该行必有错误，虽无法确定各格数值也应报告",
        grade="B",
    )
)

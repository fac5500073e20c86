"""《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号 (statute.md §2)."""

from .base import Column, Row, SubTable, Template
from .common import (
    OTHER,
    RESULTS,
    SECTIONS,
    T3_COLUMNS,
    T3_HEAD_ROWS,
    T3_NOTE,
    T3_OUTCOME_ROWS,
    T3_TAIL_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
)

_ITEMS = (
    Column("items_last_year", "上一年项目数量"),
    Column("items_change", "本年增/减", kind="signed_int"),
)

TEMPLATE_2019 = Template(
    key="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    document="国办公开办函〔2019〕60号",
    years="2019–2020",
    sections=SECTIONS,
    t2=(
        SubTable(
            "art20_1",
            "第二十条第（一）项",
            "《条例》第二十条第（一）项 行政法规、规章和规范性文件",
            rows=(Row("regulations", "规章"), Row("normative_documents", "规范性文件")),
            columns=(
                Column("newly_made", "本年新制作数量"),
                Column("newly_published", "本年新公开数量"),
                Column("total_published", "对外公开总数量"),
            ),
        ),
        SubTable(
            "art20_5",
            "第二十条第（五）项",
            "《条例》第二十条第（五）项 行政许可和其他对外管理服务事项",
            rows=(
                Row("administrative_licensing", "行政许可"),
                Row("other_external_services", "其他对外管理服务事项"),
            ),
            columns=(*_ITEMS, Column("decisions", "处理决定数量")),
        ),
        SubTable(
            "art20_6",
            "第二十条第（六）项",
            "《条例》第二十条第（六）项 行政处罚、行政强制",
            rows=(
                Row("administrative_penalty", "行政处罚"),
                Row("administrative_coercion", "行政强制"),
            ),
            columns=(*_ITEMS, Column("decisions", "处理决定数量")),
        ),
        SubTable(
            "art20_8",
            "第二十条第（八）项",
            "《条例》第二十条第（八）项 行政事业性收费",
            rows=(Row("administrative_fees", "行政事业性收费"),),
            columns=_ITEMS,
        ),
        SubTable(
            "art20_9",
            "第二十条第（九）项",
            "《条例》第二十条第（九）项 政府集中采购",
            rows=(Row("government_centralized_procurement", "政府集中采购"),),
            columns=(
                Column("procurement_items", "采购项目数量"),
                # Unit not printed by the template (statute.md §2.2: UNVERIFIED).
                Column("procurement_amount", "采购总金额", kind="decimal"),
            ),
        ),
    ),
    t3_rows=(*T3_HEAD_ROWS, *T3_OUTCOME_ROWS, Row("other", OTHER, RESULTS), *T3_TAIL_ROWS),
    t3_columns=T3_COLUMNS,
    t3_note=T3_NOTE,
    t4_groups=T4_GROUPS,
    t4_columns=T4_COLUMNS,
    signature_labels=(
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "政府集中采购",
    ),
)

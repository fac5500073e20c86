"""《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 (statute.md §1)."""

from .base import Column, Row, SubTable, Template
from .common import (
    OTHER,
    SECTIONS,
    T3_COLUMNS,
    T3_HEAD_ROWS,
    T3_NOTE,
    T3_OUTCOME_ROWS,
    T3_TAIL_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
)

_DECISIONS = (Column("decisions_this_year", "本年处理决定数量"),)

TEMPLATE_2021 = Template(
    key="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    document="国办公开办函〔2021〕30号",
    years="2021–",
    sections=SECTIONS,
    t2=(
        SubTable(
            "art20_1",
            "第二十条第（一）项",
            "《条例》第二十条第（一）项 行政法规、规章和规范性文件",
            rows=(Row("regulations", "规章"), Row("normative_documents", "行政规范性文件")),
            columns=(
                Column("issued_this_year", "本年制发件数"),
                Column("repealed_this_year", "本年废止件数"),
                Column("currently_valid", "现行有效件数"),
            ),
        ),
        SubTable(
            "art20_5",
            "第二十条第（五）项",
            "《条例》第二十条第（五）项 办理行政许可的依据、条件、程序以及办理结果",
            rows=(Row("administrative_licensing", "行政许可"),),
            columns=_DECISIONS,
        ),
        SubTable(
            "art20_6",
            "第二十条第（六）项",
            "《条例》第二十条第（六）项 行政处罚、行政强制",
            rows=(
                Row("administrative_penalty", "行政处罚"),
                Row("administrative_coercion", "行政强制"),
            ),
            columns=_DECISIONS,
        ),
        SubTable(
            "art20_8",
            "第二十条第（八）项",
            "《条例》第二十条第（八）项 行政事业性收费项目及其依据、标准",
            rows=(Row("administrative_fees", "行政事业性收费"),),
            columns=(Column("fee_amount_this_year", "本年收费金额（单位：万元）", kind="decimal"),),
        ),
    ),
    t3_rows=(
        *T3_HEAD_ROWS,
        *T3_OUTCOME_ROWS,
        # The three 其他处理 sub-rows are grade C only (statute.md §1.5, §3 row 10).
        Row(
            "other.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            OTHER,
            "C",
        ),
        Row(
            "other.fee_not_paid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            OTHER,
            "C",
        ),
        Row("other.other", "3.其他", OTHER, "C"),
        *T3_TAIL_ROWS,
    ),
    t3_columns=T3_COLUMNS,
    t3_note=T3_NOTE,
    t4_groups=T4_GROUPS,
    t4_columns=T4_COLUMNS,
    signature_labels=(
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
    ),
)

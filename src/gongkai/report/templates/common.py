"""Parts both statutory formats print identically (statute.md §3, rows 11–13)."""

from .base import Column, Row, Section

SECTIONS = (
    Section("一", "一、总体情况", "《条例》第五十条; 国办公开办函〔2021〕30号 一（一）"),
    Section("二", "二、主动公开政府信息情况", "《条例》第五十条第（一）项"),
    Section("三", "三、收到和处理政府信息公开申请情况", "《条例》第五十条第（二）项"),
    Section("四", "四、政府信息公开行政复议、行政诉讼情况", "《条例》第五十条第（三）项"),
    Section("五", "五、存在的主要问题及改进情况", "《条例》第五十条第（四）项"),
    Section("六", "六、其他需要报告的事项", "《条例》第五十条第（五）项"),
)

# Printed before a 表二 row that breaks down the row above it ("其中：行政检查" under 行政处罚).
SUBROW = "其中："

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

T3_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial_enterprise", "商业企业", parent="法人或其他组织"),
    Column("research_institution", "科研机构", parent="法人或其他组织"),
    Column("social_welfare_org", "社会公益组织", parent="法人或其他组织"),
    Column("legal_service_org", "法律服务机构", parent="法人或其他组织"),
    Column("other_org", "其他", parent="法人或其他组织"),
    Column("total", "总计"),
)

RESULTS = "三、本年度办理结果"
DENIED = "（三）不予公开"
UNABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"

T3_HEAD_ROWS = (
    Row("new_received", "一、本年新收政府信息公开申请数量"),
    Row("carried_over_from_last_year", "二、上年结转政府信息公开申请数量"),
)

T3_OUTCOME_ROWS = (
    Row("granted", "（一）予以公开", RESULTS),
    Row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", RESULTS),
    Row("denied.state_secret", "1.属于国家秘密", DENIED),
    Row("denied.law_prohibited", "2.其他法律行政法规禁止公开", DENIED),
    Row("denied.three_securities_one_stability", "3.危及“三安全一稳定”", DENIED),
    Row("denied.third_party_rights", "4.保护第三方合法权益", DENIED),
    Row("denied.internal_affairs", "5.属于三类内部事务信息", DENIED),
    Row("denied.process_info", "6.属于四类过程性信息", DENIED),
    Row("denied.enforcement_case_file", "7.属于行政执法案卷", DENIED),
    Row("denied.administrative_inquiry", "8.属于行政查询事项", DENIED),
    Row("unable.not_held", "1.本机关不掌握相关政府信息", UNABLE),
    Row("unable.needs_creation", "2.没有现成信息需要另行制作", UNABLE),
    Row("unable.unclear_after_correction", "3.补正后申请内容仍不明确", UNABLE),
    Row("not_processed.petition_complaint", "1.信访举报投诉类申请", NOT_PROCESSED),
    Row("not_processed.duplicate", "2.重复申请", NOT_PROCESSED),
    Row("not_processed.publication", "3.要求提供公开出版物", NOT_PROCESSED),
    Row("not_processed.excessive", "4.无正当理由大量反复申请", NOT_PROCESSED),
    Row(
        "not_processed.confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息", NOT_PROCESSED
    ),
)

T3_TAIL_ROWS = (
    Row("results_total", "（七）总计", RESULTS),
    Row("carried_to_next_year", "四、结转下年度继续办理"),
)

# 表四: one data row, three groups of five columns (statute.md §1.6, identical in 2019).
T4_GROUPS = (
    Row("review", "行政复议"),
    Row("litigation_direct", "未经复议直接起诉", group="行政诉讼"),
    Row("litigation_after_review", "复议后起诉", group="行政诉讼"),
)

T4_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)

"""The guides and their screenshots, declared once.

A guide is a template (templates/guide/<key>.html) in Chinese. In its text every name of
something on a page — a button, a link, a heading, a field — is written `{% ui "签发答复" %}`,
and every picture `{% shot "approver-sign" %}`. The browser test tests/guide/test_guide_shots.py
opens the pages each guide describes, checks that every `ui` name of that guide is shown there,
and takes every declared shot (docs/guide.md: where the images live and how they are renewed).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Guide:
    key: str
    role: str
    title: str
    summary: str
    public: bool = False  # the applicant's guide, in the portal's layout


@dataclass(frozen=True)
class Shot:
    name: str
    guide: str
    caption: str
    width: int = 1280  # the viewport the picture is taken at (375: a phone)


GUIDES = {
    g.key: g
    for g in (
        Guide(
            "registrar",
            "登记",
            "登记人员使用指南",
            "确认网上申请、登记纸质申请、登记补正、送达和归档。",
        ),
        Guide(
            "handler",
            "承办",
            "承办人员使用指南",
            "审查申请、告知补正、征求意见、申请延期、收费和拟定答复。",
        ),
        Guide(
            "approver",
            "审核签发",
            "审核签发人员使用指南",
            "审批延期、审阅答复告知书草稿并签发、发布年度报告。",
        ),
        Guide(
            "supervisor",
            "监督",
            "监督人员使用指南",
            "查看下级机关的申请办理情况和年度报告，年度报告审核、考评、通报整改、投诉和统计图表。",
        ),
        Guide(
            "administrator",
            "管理员",
            "管理员使用指南",
            "维护机关资料（机关代字、联系人、复议机关、法院）和人员角色。",
        ),
        Guide(
            "applicant",
            "申请人",
            "申请人使用指南",
            "网上提交申请、打印回执、查询进度、提交补正和下载答复。",
            public=True,
        ),
    )
}

SHOTS = {
    s.name: s
    for s in (
        Shot(
            "registrar-list",
            "registrar",
            "申请列表：按状态、机关、期限筛选，点击申请编号进入办理页面。",
        ),
        Shot(
            "registrar-confirm",
            "registrar",
            "网上申请：与申请人确认后，点击“确认收到申请”，填写确认日期。",
        ),
        Shot("registrar-files", "registrar", "案卷材料：上传纸质申请扫描件、补正材料、送达凭证。"),
        Shot("handler-correction", "handler", "告知补正：写明需要补正的事项和补正期限。"),
        Shot(
            "handler-online-correction",
            "handler",
            "申请人网上提交的补正显示在申请页面上，核对后登记补正。",
        ),
        Shot("handler-decide", "handler", "拟定答复：选择表三中的办理结果，写明理由。"),
        Shot("approver-sign", "approver", "签发答复：核对答复告知书草稿后确认签发。"),
        Shot(
            "approver-letters",
            "approver",
            "签发后答复告知书重新生成，注明签发日期和文号；草稿标为已被取代。",
        ),
        Shot("approver-publish", "approver", "发布年度报告前的确认页面。"),
        Shot("supervisor-report", "supervisor", "年度报告：点击表三、表四中的数字查看对应的申请。"),
        Shot(
            "supervisor-audit-upload",
            "supervisor",
            "新建年度报告审核：上传各单位的报告文件或 ZIP 压缩包，可逐行填写发布日期。",
        ),
        Shot(
            "supervisor-audit-ranking",
            "supervisor",
            "各单位排名：按错误数、警告数排列，点击数字查看具体问题。",
        ),
        Shot(
            "supervisor-audit-finding",
            "supervisor",
            "一份报告的审核结果：每个问题列明规则、位置、应为和实为，可就此发出通报。",
        ),
        Shot(
            "supervisor-evaluation",
            "supervisor",
            "年度考评：发布（定稿）按钮、实时排名和各一级指标得分。",
        ),
        Shot(
            "supervisor-evaluation-unit",
            "supervisor",
            "一个单位的考评得分：每项指标的得分、依据和记录，无数据的不记0分。",
        ),
        Shot(
            "supervisor-notice-issue",
            "supervisor",
            "发出通报：从审核发现的问题发出时，单位和问题已经填好。",
        ),
        Shot(
            "supervisor-notice-review",
            "supervisor",
            "审核单位报送的整改情况：通过，或退回重新整改。",
        ),
        Shot(
            "supervisor-complaint",
            "supervisor",
            "处理投诉：转办整改或不予支持，并答复投诉人。",
        ),
        Shot(
            "supervisor-dashboard",
            "supervisor",
            "统计图表：历年申请、各月办理情况、复议诉讼结果，图下为可点击的数据表。",
        ),
        Shot(
            "handler-notice-answer",
            "handler",
            "被通报单位报送整改情况：写明整改情况，上传佐证材料或填写佐证链接。",
        ),
        Shot(
            "administrator-agency",
            "administrator",
            "机关资料：机关代字、联系人、联系电话、复议机关和管辖法院。",
        ),
        Shot("applicant-apply", "applicant", "网上申请表（手机上的显示）。", width=375),
        Shot("applicant-receipt", "applicant", "申请回执：可以打印保存。", width=375),
        Shot("applicant-correction", "applicant", "在线提交补正。", width=375),
        Shot("applicant-status", "applicant", "查询办理进度，答复后下载答复告知书。", width=375),
        Shot("applicant-complaint", "applicant", "向主管部门投诉。", width=375),
        Shot(
            "applicant-complaint-status",
            "applicant",
            "凭查询码查询投诉处理结果和主管部门的答复。",
            width=375,
        ),
    )
}

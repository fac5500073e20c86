"""The demo district's 专栏 besides the catalogue (called by load_demo_year, run by bin/run): each
unit's 政府信息公开制度 (《条例》第四条: every body sets up its own), and for a few units the annual
reports of the two years before the system, uploaded as they would have been published. Those are
written by the system's own DOCX writer over the demo's data for those years: authored here,
never copied from a real report."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.annualreports.compute import build_report
from gongkai.annualreports.models import Scope
from gongkai.report.audit.publication import agency_kind, deadline
from gongkai.report.writers import write

from .models import LegacyReport, SystemPage

# The 制度 every unit publishes: (title, body); {agency} and {office} are the unit's name and its
# 政府信息公开 office.
RULES = [
    (
        "政府信息公开保密审查制度",
        "第一条　为规范{agency}政府信息公开保密审查工作，根据《中华人民共和国政府信息公开条例》"
        "第十七条和《中华人民共和国保守国家秘密法》，制定本制度。\n"
        "第二条　拟公开的政府信息，应当在公开前依照本制度进行保密审查；未经审查的，不得公开。\n"
        "第三条　保密审查实行“先审查、后公开”和“一事一审”：承办科室提出公开属性意见，"
        "{office}复核，分管负责人审定。审查人、审查意见和审查时间在政府信息公开系统中留痕。\n"
        "第四条　不能确定政府信息是否可以公开的，依照法律、法规和国家有关规定报有关主管部门"
        "或者保密行政管理部门确定。\n"
        "第五条　对本机关不予公开的政府信息，每年进行一次评估审查；因情势变化可以公开的，"
        "及时公开（《条例》第十八条）。\n"
        "第六条　本制度自印发之日起施行，由{office}负责解释。",
    ),
    (
        "政府信息主动公开工作制度",
        "第一条　为做好{agency}政府信息主动公开工作，根据《中华人民共和国政府信息公开条例》"
        "第十九条至第二十六条，制定本制度。\n"
        "第二条　公文在拟制时即确定公开属性（主动公开、依申请公开或者不予公开）；确定为依申请公开"
        "或者不予公开的，写明理由和依据条款。\n"
        "第三条　属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内公开"
        "（《条例》第二十六条）；政策文件的解读材料与文件同步公开。\n"
        "第四条　主动公开的政府信息通过本机关政府信息公开专栏发布，编入政府信息公开目录，"
        "提供检索、查阅、下载（《条例》第二十三条、第二十四条）。\n"
        "第五条　{office}每月核对政府信息公开目录，督促承办科室及时公开到期未公开的信息。\n"
        "第六条　本制度自印发之日起施行。",
    ),
    (
        "政府信息公开申请办理制度",
        "第一条　为规范{agency}依申请公开政府信息的办理，根据《中华人民共和国政府信息公开条例》"
        "第二十七条至第四十五条，制定本制度。\n"
        "第二条　{office}统一受理政府信息公开申请，申请渠道见本机关政府信息公开指南。\n"
        "第三条　申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人补正"
        "（《条例》第三十条）。\n"
        "第四条　能够当场答复的，当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
        "需要延长答复期限的，经{office}负责人同意并告知申请人，延长的期限最长不超过20个工作日"
        "（《条例》第三十三条）。\n"
        "第五条　公开会损害第三方合法权益的，书面征求第三方意见；第三方应当自收到征求意见书之日起"
        "15个工作日内提出意见（《条例》第三十二条）。\n"
        "第六条　答复书写明依据和救济途径：申请人不服的，可以依法申请行政复议或者提起行政诉讼。\n"
        "第七条　本制度自印发之日起施行。",
    ),
    (
        "政府信息公开工作考核和责任追究制度",
        "第一条　根据《中华人民共和国政府信息公开条例》第四十六条、第五十二条和第五十三条，"
        "制定本制度。\n"
        "第二条　{agency}将政府信息公开工作纳入年度考核，考核主动公开、依申请公开办理、"
        "政府信息公开专栏和年度报告等工作。\n"
        "第三条　{office}每年编制本机关上一年度政府信息公开工作年度报告，按期向社会公布"
        "（《条例》第四十九条、第五十条）。\n"
        "第四条　不依法履行政府信息公开职能，或者不及时更新公开的政府信息内容、政府信息公开指南"
        "和政府信息公开目录的，依照《条例》第五十三条追究责任。\n"
        "第五条　本制度自印发之日起施行。",
    ),
]
# The units whose 专栏 also shows the uploaded reports of the two years before the demo year.
LEGACY_UNITS = ("DEMO-02", "DEMO-03")


def loaded() -> bool:
    return SystemPage.objects.filter(agency__code__startswith="DEMO").exists()


def load(agencies: dict, staff: dict, year: int) -> str:
    SystemPage.objects.bulk_create(
        SystemPage(
            agency=agency,
            title=title,
            body=body.format(agency=agency.name, office=agency.office_name or "办公室"),
            position=position,
            published=True,
        )
        for agency in agencies.values()
        for position, (title, body) in enumerate(RULES, start=1)
    )
    reports = [
        _legacy_report(agencies[code], staff.get(code, {}).get(Role.APPROVER), earlier)
        for code in LEGACY_UNITS
        for earlier in (year - 2, year - 1)
    ]
    return (
        f"演示专栏：{len(agencies)}个机关各发布政府信息公开制度{len(RULES)}项，"
        f"{len(reports)}份往年年度报告已上传。"
    )


def _legacy_report(agency, uploader, year: int) -> LegacyReport:
    title = f"{agency.name}{year}年政府信息公开工作年度报告"
    content = write(build_report(agency, Scope.SELF, year), "docx")
    # Published some days before its deadline (《条例》第四十九条), never after today.
    published = min(
        deadline(year, agency_kind(agency.name)) - dt.timedelta(days=10), timezone.localdate()
    )
    report = LegacyReport(
        agency=agency, year=year, title=title, published_on=published, uploaded_by=uploader
    )
    report.file.save(f"{title}.docx", ContentFile(content), save=False)
    report.save()
    return report

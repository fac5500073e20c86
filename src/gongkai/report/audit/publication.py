"""Was the report published on time (《条例》第四十九条)?

Units (县级以上人民政府部门) publish last year's report by 31 January, the government's report (县级以上
地方人民政府, compiled by its 办公厅/办公室) by 31 March; Article 49 sets no date for townships (乡镇,
街道). The publication date is the caller's, else the one the file carries (a crawler's 发布时间
line, a web page's PubDate meta or its printed 发布时间); the dates inside DOCX, PDF or XLSX files
are when the file was made, not published, and are not used. Without a date the finding says the
timeliness was not checked. The report's own date (落款, or the date line under its title) is only
a lower bound — a report is not published before it is dated — so it can prove lateness, never
timeliness.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..findings import Finding
from ..model import Report
from ..rules.audit import PUBLICATION_NOT_CHECKED, PUBLISHED_LATE

GOVERNMENT, DEPARTMENT, TOWNSHIP = "government", "department", "township"


@dataclass(frozen=True)
class Publication:
    date: date
    source: str  # where the date comes from, in Chinese: 文件头部“发布时间”, 调用方提供 …
    lower_bound: bool = False  # the report's own date: published on it or later

    def to_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "source": self.source,
            "lower_bound": self.lower_bound,
        }


_DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_HEADER_LINE = re.compile(
    rf"^\s*(?:发布时间|发布日期|公开日期|发布于)\s*[:：]?\s*{_DATE}", re.MULTILINE
)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_META_NAME = re.compile(r"""\b(?:name|property|itemprop)\s*=\s*["']?([\w:.-]+)""", re.IGNORECASE)
_META_CONTENT = re.compile(r"""\bcontent\s*=\s*["']([^"']*)""", re.IGNORECASE)
# Names CMSs of government sites give the publication time (TRS: PubDate; gov.cn: firstpublishedtime).
_PUBLISH_METAS = {
    "pubdate",
    "publishdate",
    "publish_date",
    "firstpublishedtime",
    "article:published_time",
    "dc.date.issued",
}
_PRINTED = re.compile(rf"(?:发布时间|发布日期)\s*[:：]?\s*(?:<[^>]*>\s*|&nbsp;\s*)*{_DATE}")
_HEAD_BYTES = 65536  # the header of a crawler's text and a page's <head> and byline lie within this


def _date(groups) -> date | None:
    try:
        return date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError:
        return None


def published_in_file(data: bytes, reader: str | None) -> Publication | None:
    """The publication date a text or HTML file carries, or None."""
    if reader not in ("text", "html"):
        return None
    head = data[:_HEAD_BYTES]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("gb18030", errors="replace")
    if reader == "text":
        m = _HEADER_LINE.search(text[:4000])
        day = _date(m.groups()) if m else None
        return Publication(day, "文件头部的“发布时间”") if day else None
    for tag in _META.findall(text):
        name, content = _META_NAME.search(tag), _META_CONTENT.search(tag)
        if name and content and name.group(1).lower() in _PUBLISH_METAS:
            m = re.search(_DATE, content.group(1))
            day = _date(m.groups()) if m else None
            if day:
                return Publication(day, f"网页元数据 {name.group(1)}")
    m = _PRINTED.search(text)
    day = _date(m.groups()) if m else None
    return Publication(day, "网页上印出的“发布时间”") if day else None


_DATED_END = re.compile(rf"{_DATE}\s*日?\s*[)）]?\s*$")
_DATE_LINE = re.compile(rf"^\s*[（(]?\s*{_DATE}\s*日\s*[)）]?\s*$", re.MULTILINE)


def dated(report: Report) -> Publication | None:
    """The report's own date, of the year after the one it reports on: the date line under the
    title, or the date the text ends with (落款). A lower bound of the publication date."""
    if report.year is None:
        return None
    last = report.sections[-1].text if report.sections else report.preamble
    found = []
    for m in (_DATED_END.search(last[-60:]), _DATE_LINE.search(report.preamble[:200])):
        day = _date(m.groups()) if m else None
        if day and day.year == report.year + 1:
            found.append(day)
    return Publication(max(found), "报告落款日期", lower_bound=True) if found else None


def agency_kind(agency: str | None) -> str | None:
    """GOVERNMENT (3月31日), DEPARTMENT (1月31日), TOWNSHIP (no statutory date) or None (unknown).
    A 管委会 and the office of a government count as the government: the later date, so that no
    report is called late on a guess about what kind of body published it."""
    if not agency:
        return None
    name = "".join(unicodedata.normalize("NFKC", agency).split())
    if name.endswith(("乡人民政府", "镇人民政府", "街道办事处", "街道", "乡政府", "镇政府")):
        return TOWNSHIP
    if re.search(r"(人民政府|政府|管委会|管理委员会)(办公厅|办公室)?$", name):
        return GOVERNMENT
    return DEPARTMENT


def deadline(year: int, kind: str) -> date:
    return date(year + 1, 3, 31) if kind == GOVERNMENT else date(year + 1, 1, 31)


def publication_findings(report: Report, publication: Publication | None) -> list[Finding]:
    """PUB-LATE when the report was certainly published after its deadline, else PUB-NOT-CHECKED
    saying why timeliness could not be decided; nothing when it was published on time."""
    if report.year is None:
        return [
            PUBLICATION_NOT_CHECKED.finding(
                "报告年度未能识别，无法确定公布期限，未核对是否按期公布。"
            )
        ]
    kind = agency_kind(report.agency)
    if kind == TOWNSHIP:
        return [
            PUBLICATION_NOT_CHECKED.finding(
                f"「{report.agency}」为乡镇（街道）：《条例》第四十九条未规定其年度报告的公布期限，未核对是否按期公布（地方另有规定的，按地方规定核对）。"
            )
        ]
    latest = deadline(report.year, kind or GOVERNMENT)  # unknown kind: late only after both dates
    who = {
        GOVERNMENT: "本级政府的年度报告",
        DEPARTMENT: "县级以上人民政府部门的年度报告",
        None: "年度报告",
    }[kind]
    if publication is None:
        return [
            PUBLICATION_NOT_CHECKED.finding(
                f"文件中没有发布日期（如网页的“发布时间”），未核对是否在 {latest:%Y年%-m月%-d日} 前公布；可在审核时提供发布日期。"
            )
        ]
    when = f"{publication.date:%Y年%-m月%-d日}"
    if publication.date > latest:
        if publication.lower_bound:
            said = f"报告落款日期为 {when}，公布不会早于该日"
        else:
            said = f"报告于 {when} 公布（{publication.source}）"
        return [
            PUBLISHED_LATE.finding(
                f"{said}，晚于《条例》第四十九条规定的 {latest:%Y年%-m月%-d日}（{who}应在此前公布），逾期 {(publication.date - latest).days} 天。",
                expected=latest.isoformat(),
                actual=publication.date.isoformat(),
            )
        ]
    if publication.lower_bound:
        return [
            PUBLICATION_NOT_CHECKED.finding(
                f"文件中没有发布日期，只有报告落款日期 {when}（公布不早于该日），未能核对是否在 {latest:%Y年%-m月%-d日} 前公布。"
            )
        ]
    if kind is None and publication.date > deadline(report.year, DEPARTMENT):
        return [
            PUBLICATION_NOT_CHECKED.finding(
                f"报告于 {when} 公布，未能识别发布机关，无法确定适用1月31日（部门）还是3月31日（本级政府）的期限。"
            )
        ]
    return []

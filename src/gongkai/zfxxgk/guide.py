"""The 政府信息公开指南, generated from the agency's data.

《条例》第十二条: the 指南 contains 政府信息的分类、编排体系、获取方式 and the work body's 名称、办公地址、
办公时间、联系电话、传真号码、互联网联系方式. Each element is one `Element` here; an element the
agency's data cannot fill is a gap, shown to its staff on the 指南 page and counted by
supervision (`guide_gaps`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.agencies.models import Agency


@dataclass(frozen=True)
class Element:
    key: str
    label: str  # as 第十二条 names it
    lines: tuple[str, ...] = ()  # the text shown; empty when the data is missing
    gap: str = ""  # what staff must fill in, and where
    links: tuple[tuple[str, str], ...] = field(default=())  # (text, url)

    @property
    def missing(self) -> bool:
        return not self.lines


def _office(agency: Agency) -> list[Element]:
    admin = "请在“基础数据 › 机关”中填写"
    internet = [f"电子邮箱：{agency.office_email}"] if agency.office_email else []
    if agency.office_website:
        internet.append(f"网址：{agency.office_website}")
    address = agency.office_address + (
        f"（邮政编码：{agency.office_postcode}）" if agency.office_postcode else ""
    )
    rows = [
        ("office_name", "工作机构名称", agency.office_name, "政府信息公开工作机构"),
        ("office_address", "办公地址", address if agency.office_address else "", "办公地址"),
        ("office_hours", "办公时间", agency.office_hours, "办公时间"),
        ("office_phone", "联系电话", agency.office_phone, "联系电话"),
        ("office_fax", "传真", agency.office_fax, "传真号码"),
    ]
    elements = [
        Element(key, label, (value,) if value else (), "" if value else f"{admin}“{field_label}”。")
        for key, label, value, field_label in rows
    ]
    elements.append(
        Element(
            "internet",
            "互联网联系方式",
            tuple(internet),
            "" if internet else f"{admin}“电子邮箱”或“互联网联系方式（网址）”。",
        )
    )
    return elements


def channels(agency: Agency, apply_url: str) -> list[str]:
    """How an application reaches this agency (《条例》第二十九条: in writing, including 数据电文)."""
    found = [f"网上申请：通过政府信息公开网上申请平台（{apply_url}）在线提交。"]
    if agency.office_address:
        found.append(
            f"当面申请：工作时间到{agency.office_address}{agency.office_name or ''}提交书面申请。"
        )
        if agency.office_postcode:
            found.append(
                f"信函申请：邮寄至{agency.office_address}（邮政编码{agency.office_postcode}），"
                "请在信封上注明“政府信息公开申请”。"
            )
    if agency.office_fax:
        found.append(f"传真申请：传真至{agency.office_fax}，并请注明“政府信息公开申请”。")
    if agency.office_email:
        found.append(f"电子邮件申请：发送至{agency.office_email}。")
    return found


def elements(
    agency: Agency,
    *,
    categories: list[str],
    arrangement: list[str],
    zhuanlan_url: str,
    apply_url: str,
) -> list[Element]:
    """Every 第十二条 element of the agency's 指南, in the article's order.

    `categories` are the 分类 the agency's catalogue uses (第二十条 items and 主题), `arrangement`
    the 编排体系 lines; the views compute both from the catalogue, `guide_gaps` from the same source.
    """
    obtain = [
        f"主动公开：通过本机关政府信息公开专栏（{zhuanlan_url}）公开，可检索、查阅、下载（《条例》第二十三条、第二十四条）。",
        "依申请公开：公民、法人或者其他组织可以向本机关申请获取相关政府信息（《条例》第二十七条），申请方式：",
        *(f"　{line}" for line in channels(agency, apply_url)),
    ]
    return [
        Element(
            "categories",
            "政府信息的分类",
            tuple(categories),
            ""
            if categories
            else "本机关尚无主动公开的政府信息，无法列出分类：请在目录中登记并审核发布政府信息。",
        ),
        Element("arrangement", "编排体系", tuple(arrangement)),
        Element("obtain", "获取方式", tuple(obtain)),
        *_office(agency),
    ]


def guide_gaps(agency: Agency) -> list[Element]:
    """The 指南 elements the agency's data leaves empty (for the 专栏 completeness checks of
    supervision and audits): an empty list means the 指南 is complete."""
    from . import content

    return [e for e in content.guide(agency) if e.missing]

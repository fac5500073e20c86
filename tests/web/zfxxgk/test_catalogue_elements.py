"""《条例》第十二条: the 目录 gives every item's 索引、名称、内容概述、生成日期. The list and the item
page each show the item's own values under their labels (read as label → value pairs, so a value
shown under another label or another item's value does not pass)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from lxml import html

from .conftest import make_item

ELEMENTS = ("名称", "索引号", "内容概述", "成文日期")


def _with_class(tag: str, name: str) -> str:
    """XPath step: a `tag` element with the class `name` among its classes."""
    return f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


def _fields(dl) -> dict[str, str]:
    """A <dl>'s label → value pairs, whitespace normalised."""
    out = {}
    for label in dl.iter("dt"):
        value = label.getnext()
        assert value.tag == "dd", html.tostring(label)
        out[" ".join(label.text_content().split())] = " ".join(value.text_content().split())
    return out


def _entries(page: bytes) -> dict[str, dict[str, str]]:
    """The listed items by name: each entry's labelled fields."""
    root = html.fromstring(page)
    entries = [
        _fields(dl)
        for dl in root.xpath(_with_class("ul", "zk-results") + _with_class("dl", "zk-entry"))
    ]
    return {e["名称"]: e for e in entries}


def _expected(item) -> dict[str, str]:
    return {
        "名称": item.title,
        "索引号": item.index_no,
        "内容概述": item.summary or "—",
        "成文日期": item.formed_on.isoformat(),
    }


def _items(world):
    a = world.office_a
    return [
        make_item(
            a,
            "示范区农村公路养护管理办法",
            "第一条 为加强农村公路养护，保障公路完好畅通，制定本办法。",
            summary="明确农村公路养护的责任主体、资金来源和考核办法。",
            formed_on=dt.date(2026, 1, 12),
        ),
        make_item(
            a,
            "示范区2026年春季植树造林工作方案",
            "各街道于三月底前完成植树任务，苗木由区林业站统一调配。",
            summary="部署春季植树造林任务分工和完成时限。",
            formed_on=dt.date(2026, 2, 3),
        ),
        make_item(a, "示范区公共厕所开放时间的公告", "全区公共厕所全天开放。"),  # no summary
    ]


def test_it_lists_each_items_index_name_summary_and_date_under_their_labels(client, world):
    items = _items(world)
    listing = _entries(client.get(reverse("zfxxgk:catalogue", args=[world.office_a.code])).content)
    assert len(listing) == len(items)
    for item in items:
        entry = listing[item.title]
        assert {k: entry[k] for k in ELEMENTS} == _expected(item)
        assert entry["发布机构"] == item.agency.name
        assert entry["发布日期"] == item.published_on.isoformat()


def test_a_search_lists_the_summary_and_the_matching_passage(client, world):
    items = _items(world)
    road = items[0]
    for url in (
        reverse("zfxxgk:catalogue", args=[world.office_a.code]),
        reverse("zfxxgk:search"),
    ):
        listing = _entries(client.get(url, {"q": "保障公路完好"}).content)
        assert list(listing) == [road.title]
        entry = listing[road.title]
        assert {k: entry[k] for k in ELEMENTS} == _expected(road)
        assert "保障公路完好畅通" in entry["正文"]  # where in the body the words are
    # Found by the title alone: the summary is there, no passage of the body is.
    entry = _entries(client.get(reverse("zfxxgk:search"), {"q": "植树造林"}).content)[
        items[1].title
    ]
    assert entry["内容概述"] == items[1].summary and "正文" not in entry


def test_the_item_page_shows_its_own_index_name_summary_and_date(client, world):
    for item in _items(world):
        page = client.get(reverse("zfxxgk:item", args=[item.agency.code, item.pk])).content
        meta = _fields(html.fromstring(page).xpath(_with_class("dl", "zk-meta"))[0])
        assert {k: meta[k] for k in ELEMENTS} == _expected(item)

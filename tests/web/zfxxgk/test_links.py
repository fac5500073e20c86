"""The links between items on the public item page: a document and the one it revises or
repeals, a 意见征集 and its result, each shown from both ends; a link to an item that is not
public (not yet through the 保密审查, 不予公开) is never shown, not even its title."""

from __future__ import annotations

import pytest
from django.urls import reverse
from lxml import html

from gongkai.catalogue.choices import AmendmentKind, Attribute, Review

from .conftest import make_item


def _links(client, item) -> list[tuple[str, str, str]]:
    """The item page's 相关信息 as (label, href, linked title), in order."""
    response = client.get(reverse("zfxxgk:item", args=[item.agency.code, item.pk]))
    assert response.status_code == 200
    out = []
    for li in html.fromstring(response.content).xpath("//section[@id='links']//li"):
        (a,) = li.xpath(".//a")
        out.append(((li.text or "").strip(), a.get("href"), a.text_content().strip()))
    return out


def _to(item, label: str) -> tuple[str, str, str]:
    return (label, reverse("zfxxgk:item", args=[item.agency.code, item.pk]), item.title)


@pytest.fixture
def hidden_link(world):
    """Items that must never be linked to: one waiting for the 保密审查, one 不予公开."""
    a = world.office_a
    return [
        make_item(a, "链接隐藏甲待审查的修订稿", review=Review.PENDING, published_on=None),
        make_item(a, "链接隐藏乙不予公开的结果", attribute=Attribute.WITHHELD),
    ]


def test_a_revision_and_a_repeal_are_linked_both_ways(client, world):
    a, b = world.office_a, world.office_b
    old = make_item(a, "示范区物业服务收费管理办法")
    revision = make_item(
        a,
        "示范区物业服务收费管理办法（2026年修订）",
        amends=old,
        amendment_kind=AmendmentKind.REVISES,
    )
    repealed = make_item(a, "示范区临时占道经营管理规定")
    # Repealed by another agency's decision: the link crosses to that agency's 目录.
    repeal = make_item(
        b, "关于废止部分规范性文件的决定", amends=repealed, amendment_kind=AmendmentKind.REPEALS
    )
    assert _links(client, revision) == [_to(old, "修订的文件：")]
    assert _links(client, old) == [_to(revision, "修订本文件：")]
    assert _links(client, repeal) == [_to(repealed, "废止的文件：")]
    assert _links(client, repealed) == [_to(repeal, "废止本文件：")]


def test_a_consultation_and_its_result_are_linked_both_ways(client, world):
    a = world.office_a
    result = make_item(a, "示范区养犬管理规定征求意见采纳情况的说明")
    consultation = make_item(
        a, "关于公开征求《示范区养犬管理规定（草案）》意见的公告", consultation_result=result
    )
    assert _links(client, consultation) == [_to(result, "意见征集结果：")]
    assert _links(client, result) == [_to(consultation, "意见征集：")]


def test_it_never_links_to_an_item_that_is_not_public(client, world, hidden_link):
    a = world.office_a
    pending, withheld = hidden_link
    document = make_item(a, "示范区城市道路挖掘修复管理办法")
    # Hidden items pointing at public ones: revising, repealing, consulting.
    pending.amends, pending.amendment_kind = document, AmendmentKind.REVISES
    pending.save()
    consultation_result = make_item(a, "示范区停车收费标准听证结果")
    withheld.consultation_result = consultation_result
    withheld.save()
    # Public items pointing at hidden ones.
    repeal = make_item(a, "关于废止待审查文件的决定", amends=pending, amendment_kind="repeals")
    consultation = make_item(a, "关于征求停车收费标准意见的公告", consultation_result=withheld)

    for item in (document, consultation_result, repeal, consultation):
        page = client.get(reverse("zfxxgk:item", args=[a.code, item.pk])).content.decode()
        assert 'id="links"' not in page, item.title  # nothing public to link to
        for secret in hidden_link:
            assert secret.title not in page
            assert reverse("zfxxgk:item", args=[a.code, secret.pk]) not in page

    # Once through the 保密审查 and published, the same link is shown.
    pending.review = Review.APPROVED
    pending.published_on = document.published_on
    pending.save()
    assert _links(client, document) == [_to(pending, "修订本文件：")]
    assert _links(client, repeal) == [_to(pending, "废止的文件：")]

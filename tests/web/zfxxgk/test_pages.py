"""The agency's own pages on the 专栏: 制度 (published ones only), annual reports (every published
version downloadable; uploads for the years before the system) and the 法定主动公开内容 counts."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from gongkai.annualreports import publish
from gongkai.applications.choices import State
from gongkai.zfxxgk.models import LegacyReport, SystemPage

from ..test_every_url import _body
from .conftest import ART20, make_item


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")


def test_only_published_rules_are_shown(client, world):
    a = world.office_a
    shown = SystemPage.objects.create(
        agency=a, title="保密审查制度", body="第一条 审查程序", published=True
    )
    draft = SystemPage.objects.create(agency=a, title="草拟中的制度", body="未定稿")
    page = client.get(reverse("zfxxgk:rules", args=[a.code])).content.decode()
    assert "保密审查制度" in page and "草拟中的制度" not in page
    assert (
        "第一条 审查程序"
        in client.get(reverse("zfxxgk:rule", args=[a.code, shown.pk])).content.decode()
    )
    assert client.get(reverse("zfxxgk:rule", args=[a.code, draft.pk])).status_code == 404
    assert (
        client.get(reverse("zfxxgk:rule", args=[world.office_b.code, shown.pk])).status_code == 404
    )


def test_reports_published_and_uploaded(client, world):
    a = world.office_a
    world.application(State.ARCHIVED, agency=a)
    publish.publish(a, "self", 2025, actor=world.approver)
    publish.publish(a, "self", 2025, actor=world.approver, note="更正表三数据")
    legacy = LegacyReport(agency=a, year=2019, title="2019年政府信息公开工作年度报告")
    legacy.file.save("2019.pdf", ContentFile(b"%PDF-1.4\n%2019\n"), save=True)
    page = client.get(reverse("zfxxgk:reports", args=[a.code])).content.decode()
    assert "2025年政府信息公开工作年度报告" in page and "第2版" in page and "更正前的版本" in page
    assert "2019年政府信息公开工作年度报告" in page
    docx = client.get(reverse("zfxxgk:report_file", args=[a.code, 2025, "self", 2, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    html = client.get(reverse("zfxxgk:report_file", args=[a.code, 2025, "self", 1, "html"]))
    assert html.status_code == 200
    assert (
        client.get(
            reverse("zfxxgk:report_file", args=[a.code, 2025, "self", 1, "xlsx"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("zfxxgk:report_file", args=[world.office_b.code, 2025, "self", 1, "docx"])
        ).status_code
        == 404
    )
    assert (
        _body(client.get(reverse("zfxxgk:legacy_report_file", args=[a.code, 2019])))
        == b"%PDF-1.4\n%2019\n"
    )


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text layer as poppler reads it, whitespace removed (CJK lines break anywhere)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))


@pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils not installed (deploy/debian-packages.txt)"
)
def test_it_serves_a_published_report_as_pdf_and_nothing_unpublished(client, world):
    """《条例》第四十九条: the published report, downloadable by anyone as a real PDF; a version,
    year or scope that was never published is not there, and the staff's draft export asks for a
    login."""
    a = world.office_a
    world.application(State.ARCHIVED, agency=a)
    publish.publish(a, "self", 2025, actor=world.approver)
    publish.publish(a, "self", 2025, actor=world.approver, note="更正表三数据")

    def pdf(year=2025, scope="self", version=1, code=a.code):
        return client.get(reverse("zfxxgk:report_file", args=[code, year, scope, version, "pdf"]))

    for version in (1, 2):
        response = pdf(version=version)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        body = _body(response)
        assert body.startswith(b"%PDF-")
        text = _pdf_text(body)
        assert f"{a.name}2025年政府信息公开工作年度报告" in text
    page = client.get(reverse("zfxxgk:reports", args=[a.code])).content.decode()
    assert reverse("zfxxgk:report_file", args=[a.code, 2025, "self", 2, "pdf"]) in page

    assert pdf(version=3).status_code == 404  # not (yet) published
    assert pdf(year=2024).status_code == 404
    assert pdf(scope="tree").status_code == 404
    assert pdf(code=world.office_b.code).status_code == 404
    draft = client.get(reverse("annual:export", args=[a.pk, 2026, "self", "pdf"]))
    assert draft.status_code == 302 and "/login/" in draft["Location"]


def test_statutory_content_counts_public_items_only(client, world, hidden, topic):
    a = world.office_a
    for _ in range(3):
        make_item(a, "行政许可结果公示", art20_item=ART20.I5, topic=topic)
    page = client.get(reverse("zfxxgk:statutory", args=[a.code])).content.decode()
    assert "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果</a>（3）" in page
    assert "专栏测试主题</a>（3）" in page


def test_a_joint_item_is_listed_under_every_co_publisher(client, world, topic):
    """联合发文: the item is the lead agency's, and is listed in the 目录, its search, the
    法定主动公开内容 and the 指南's 分类 of each co-publisher too — never when it is not public."""
    lead, co = world.office_a, world.office_b
    joint = make_item(
        lead, "关于联合开展河道整治的通知", "两部门联合部署。", art20_item=ART20.I5, topic=topic
    )
    joint.co_publishers.add(co)
    hidden = make_item(lead, "联合发文待审查稿", "两部门联合起草。", review="pending")
    hidden.co_publishers.add(co)
    make_item(co, "本机关自己的文件", "与联合发文无关。")

    def page(name, **params):
        return client.get(reverse(f"zfxxgk:{name}", args=[co.code]), params).content.decode()

    listing = page("catalogue")
    assert "关于联合开展河道整治的通知" in listing and "本机关自己的文件" in listing
    assert "共2条" in listing and "联合发文待审查稿" not in listing
    link = reverse("zfxxgk:item", args=[lead.code, joint.pk])
    assert link in page("catalogue", q="河道整治")
    assert "联合发文待审查稿" not in page("catalogue", q="联合发文待审查")
    assert "关于联合开展河道整治的通知" in page("catalogue", topic=topic.code)
    assert "关于联合开展河道整治的通知" in page("agency")
    assert "专栏测试主题</a>（1）" in page("statutory")
    assert "专栏测试主题" in page("guide")
    assert link in listing  # the item's page is under its lead agency
    feed = page("agency_feed")
    assert "关于联合开展河道整治的通知" in feed and "本机关自己的文件" in feed
    assert "联合发文待审查稿" not in feed

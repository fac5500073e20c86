"""Nothing unapproved, withheld, on request only or not yet published is ever visible on the
专栏: every URL of the zfxxgk namespace (read from the URLconf, so a new one cannot escape) is
asked anonymously, with every search, filter and item id, and must not show a hidden item."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.annualreports import publish
from gongkai.applications.choices import State
from gongkai.catalogue.models import Attachment, Item

from ..test_every_url import _body
from .conftest import ART20, make_item

PUBLIC_TITLE = "示范区老旧小区改造实施方案"


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")


def _attach(item: Item, name: str) -> Attachment:
    data = b"%PDF-1.4\n%" + name.encode() + b"\n"
    att = Attachment(
        item=item,
        original_name=name,
        content_type="application/pdf",
        size=len(data),
        sha256="0" * 64,
    )
    att.file.save(name, ContentFile(data), save=False)
    att.save()
    return att


def zfxxgk_patterns() -> list[tuple[str, list[str]]]:
    found = []

    def walk(items, namespace):
        for p in items:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace == "zfxxgk":
                found.append((p.name, sorted(set(re.findall(r"<(?:\w+:)?(\w+)>", str(p.pattern))))))

    walk(get_resolver().url_patterns, None)
    return found


@pytest.fixture
def scene(world, hidden, topic, genre, settings):
    a = world.office_a
    for item in hidden.values():
        item.topic, item.genre, item.art20_item = topic, genre, ART20.I1
        item.save()
    public = make_item(
        a,
        PUBLIC_TITLE,
        "本方案适用于示范区内2000年以前建成的住宅小区。",
        topic=topic,
        genre=genre,
        art20_item=ART20.I1,
        doc_number="示建发〔2026〕3号",
    )
    # A public document whose 解读 and amendment are hidden: the links must not show them.
    for item in hidden.values():
        item.interprets = public
        item.save()
    hidden_files = {
        key: _attach(item, f"hidden-{i}.pdf") for i, (key, item) in enumerate(hidden.items())
    }
    public_file = _attach(public, "public.pdf")
    world.application(State.ARCHIVED, agency=a)
    publish.publish(a, "self", 2025, actor=world.approver)
    return {
        "public": public,
        "public_file": public_file,
        "hidden": hidden,
        "hidden_files": hidden_files,
    }


def _secrets(scene) -> list[str]:
    """What would betray a hidden item: its title, index number, body and file names (the
    queries above are parts of these, and the page repeats the query, so whole strings only)."""
    out = []
    for item in scene["hidden"].values():
        out += [item.title, item.index_no, item.body]
    return out + [f.original_name for f in scene["hidden_files"].values()]


def _requests(name, params, scene, world):
    """(url, expected status) for a pattern: the public objects answer 200, the hidden 404."""
    a = world.office_a.code
    public, hidden = scene["public"], scene["hidden"]
    if name in ("index", "feed", "sitemap"):
        return [(reverse(f"zfxxgk:{name}"), 200)]
    if name == "search":
        queries = [
            "",
            "隐藏",
            "正文标记",
            "标记甲",
            "文件",
            "隐",
            "示建发",
            "?year=2026&topic=ZKT01&genre=ZKG01&validity=valid",
        ]
        return [
            (reverse("zfxxgk:search") + (q if q.startswith("?") else f"?q={q}"), 200)
            for q in queries
        ]
    if name == "sitemap_section":
        return [(reverse("zfxxgk:sitemap_section", args=[s]), 200) for s in ("sections", "items")]
    if params == ["code"]:
        url = reverse(f"zfxxgk:{name}", args=[a])
        out = [(url, 200)]
        if name == "catalogue":
            out += [
                (f"{url}?q={q}", 200) for q in ("隐藏", "正文标记", "标记丙不予公开", "文件", "隐")
            ]
            out += [(f"{url}?art20=1", 200), (f"{url}?topic=ZKT01&genre=ZKG01", 200)]
        return out
    if params == ["code", "pk"] and name == "item":
        return [(reverse("zfxxgk:item", args=[a, public.pk]), 200)] + [
            (reverse("zfxxgk:item", args=[a, h.pk]), 404) for h in hidden.values()
        ]
    if params == ["code", "item_pk", "pk"]:
        out = [(reverse("zfxxgk:attachment", args=[a, public.pk, scene["public_file"].pk]), 200)]
        for key, f in scene["hidden_files"].items():
            out += [
                (reverse("zfxxgk:attachment", args=[a, hidden[key].pk, f.pk]), 404),
                # a hidden item's file asked for under the public item
                (reverse("zfxxgk:attachment", args=[a, public.pk, f.pk]), 404),
            ]
        return out
    if name == "rule":
        return [(reverse("zfxxgk:rule", args=[a, 1]), 404)]  # no 制度 page published
    if name == "report_file":
        return [
            (reverse("zfxxgk:report_file", args=[a, 2025, "self", 1, fmt]), 200)
            for fmt in ("html", "docx")
        ]
    if name == "legacy_report_file":
        return [(reverse("zfxxgk:legacy_report_file", args=[a, 2019]), 404)]
    raise AssertionError(f"zfxxgk:{name} {params}: teach this test how to ask it")


def test_it_never_shows_a_hidden_item_anywhere(client, scene, world):
    wrong, asked = [], set()
    for name, params in zfxxgk_patterns():
        for url, expected in _requests(name, params, scene, world):
            asked.add(name)
            response = client.get(url)
            if response.status_code != expected:
                wrong.append(f"{url}: {response.status_code}, expected {expected}")
                continue
            body = _body(response).decode("utf-8", "replace")
            shown = [m for m in _secrets(scene) if m in body]
            if shown:
                wrong.append(f"{url}: shows {shown}")
    assert not wrong, "\n".join(wrong)
    assert asked == {name for name, _ in zfxxgk_patterns()}


def test_the_public_item_is_shown_where_it_belongs(client, scene, world):
    a = world.office_a.code
    public = scene["public"]
    assert PUBLIC_TITLE in client.get(reverse("zfxxgk:catalogue", args=[a])).content.decode()
    assert (
        PUBLIC_TITLE in client.get(reverse("zfxxgk:search") + "?q=2000年以前建成").content.decode()
    )
    assert PUBLIC_TITLE in client.get(reverse("zfxxgk:feed")).content.decode()
    assert PUBLIC_TITLE in client.get(reverse("zfxxgk:agency_feed", args=[a])).content.decode()
    assert (
        f"/zfxxgkml/{public.pk}/"
        in client.get(reverse("zfxxgk:sitemap_section", args=["items"])).content.decode()
    )
    page = client.get(reverse("zfxxgk:item", args=[a, public.pk])).content.decode()
    for element in (
        "索引号",
        public.index_no,
        "名称",
        "内容概述",
        "成文日期",
        "2026-02-20",
        "发布机构",
    ):
        assert element in page  # 《条例》第十二条: 索引、名称、内容概述、生成日期
    response = client.get(
        reverse("zfxxgk:attachment", args=[a, public.pk, scene["public_file"].pk])
    )
    assert _body(response).startswith(b"%PDF-")
    # Another agency's code does not reach office A's item.
    assert (
        client.get(reverse("zfxxgk:item", args=[world.office_b.code, public.pk])).status_code == 404
    )

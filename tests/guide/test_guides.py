"""The guides are served, linked from every header, and agree with their screenshots: every
picture a guide places is declared, committed and recorded in the manifest, and every declared
picture is used. (tests/guide/test_guide_shots.py takes the pictures in a real browser.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.guide.guides import GUIDES, SHOTS

GUIDE_DIR = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "guide"
SHOTS_DIR = GUIDE_DIR / "static" / "guide" / "shots"
MANIFEST = GUIDE_DIR / "shots.json"
TEMPLATES = GUIDE_DIR / "templates" / "guide"


def template_text(key: str) -> str:
    return (TEMPLATES / f"{key}.html").read_text(encoding="utf-8")


def ui_labels(key: str) -> list[str]:
    return re.findall(r'{% ui "([^"]+)" %}', template_text(key))


def shots_in(key: str) -> list[str]:
    return re.findall(r'{% shot "([^"]+)" %}', template_text(key))


def test_every_role_has_a_guide_in_chinese():
    assert [g.role for g in GUIDES.values()] == [
        "登记",
        "承办",
        "审核签发",
        "监督",
        "管理员",
        "申请人",
    ]
    for key in GUIDES:
        assert len(ui_labels(key)) >= 5, key
        prose = re.sub(r"{%.*?%}|<[^>]+>", "", template_text(key))
        assert len(re.findall(r"[\u4e00-\u9fff]", prose)) >= 200, key


@pytest.mark.django_db
def test_the_guides_are_served_and_linked_from_the_headers(client, world):
    index = client.get(reverse("guide:index")).content.decode()
    for key, guide in GUIDES.items():
        page = client.get(reverse("guide:page", args=[key]))
        assert page.status_code == 200 and guide.title in page.content.decode()
        assert reverse("guide:page", args=[key]) in index
        for name in shots_in(key):
            assert f"/static/guide/shots/{name}.png" in page.content.decode()
    assert client.get("/guide/nobody/").status_code == 404
    portal = client.get(reverse("portal:home")).content.decode()
    assert reverse("guide:page", args=["applicant"]) in portal.split("</header>")[0]
    client.force_login(world.handler)
    staff = client.get(reverse("staff:application_list")).content.decode()
    assert reverse("guide:index") in staff.split("</header>")[0]


def test_every_picture_is_declared_used_committed_and_recorded():
    used = [name for key in GUIDES for name in shots_in(key)]
    assert sorted(used) == sorted(SHOTS), (
        "a shot is used but not declared, or declared but not used"
    )
    for key in GUIDES:
        assert all(SHOTS[name].guide == key for name in shots_in(key)), key
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert set(manifest) == set(SHOTS)
    for name in SHOTS:
        png = SHOTS_DIR / f"{name}.png"
        assert png.is_file() and png.read_bytes().startswith(b"\x89PNG"), (
            f"{png} missing: run the guide shots (docs/guide.md)"
        )
        assert manifest[name]["width"] == SHOTS[name].width
    assert {p.stem for p in SHOTS_DIR.glob("*.png")} == set(SHOTS), "a picture no guide uses"

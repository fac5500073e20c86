"""The Atom feeds (the whole 专栏 and each agency) are Atom (RFC 4287) a feed reader accepts: the
Atom namespace, the feed's id, title and updated, and every entry's title, link, id and updated,
one entry per public item of the feed's scope, newest first."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from gongkai.catalogue.choices import Review

from .conftest import make_item

ATOM = "{http://www.w3.org/2005/Atom}"


def _time(text: str) -> dt.datetime:
    """An RFC 3339 date-time (Atom's 3.3): with its offset, never naive."""
    value = dt.datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


def _one(element, tag: str):
    found = element.findall(ATOM + tag)
    assert len(found) == 1, f"{tag}: {len(found)}"
    return found[0]


def _parse(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == ATOM + "feed"
    for tag in ("id", "title", "updated"):
        assert _one(feed, tag).text.strip(), tag
    _time(_one(feed, "updated").text)
    return feed


def _entries(feed) -> list[dict]:
    out = []
    for entry in feed.findall(ATOM + "entry"):
        (link,) = [
            x for x in entry.findall(ATOM + "link") if x.get("rel", "alternate") == "alternate"
        ]
        out.append(
            {
                "title": _one(entry, "title").text,
                "path": urlsplit(link.get("href")).path,
                "id": _one(entry, "id").text,
                "updated": _time(_one(entry, "updated").text),
                "author": _one(_one(entry, "author"), "name").text,
            }
        )
    return out


@pytest.fixture
def items(world):
    a, b = world.office_a, world.office_b
    return {
        "a_older": make_item(a, "示范区河长制工作要点", published_on=dt.date(2026, 3, 2)),
        "a_newer": make_item(
            a,
            "示范区防汛应急预案",
            published_on=dt.date(2026, 4, 15),
            doc_number="示政发〔2026〕8号",
        ),
        "b": make_item(b, "示范区教育收费公示", published_on=dt.date(2026, 3, 20)),
        "hidden": make_item(a, "示范区防汛物资储备清单（待审查）", review=Review.PENDING),
    }


def _expected(*found) -> list[dict]:
    return [
        {
            "title": f"{i.title}（{i.doc_number}）" if i.doc_number else i.title,
            "path": reverse("zfxxgk:item", args=[i.agency.code, i.pk]),
            "author": i.agency.name,
            "published_on": i.published_on,
        }
        for i in found
    ]


def _check(feed, expected: list[dict]) -> None:
    entries = _entries(feed)
    assert [{k: e[k] for k in ("title", "path", "author")} for e in entries] == [
        {k: x[k] for k in ("title", "path", "author")} for x in expected
    ]
    assert [e["updated"].date() for e in entries] == [x["published_on"] for x in expected]
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids) and all(ids)  # each entry its own permanent id
    # The feed was last updated when its newest entry was.
    assert _time(_one(feed, "updated").text) == max(e["updated"] for e in entries)


def test_the_whole_feed_is_atom_with_every_public_item(client, world, items):
    feed = _parse(client, reverse("zfxxgk:feed"))
    assert _one(feed, "title").text == "政府信息公开专栏 最新公开"
    _check(feed, _expected(items["a_newer"], items["b"], items["a_older"]))


def test_an_agency_feed_is_atom_with_that_agencys_items(client, world, items):
    a = world.office_a
    feed = _parse(client, reverse("zfxxgk:agency_feed", args=[a.code]))
    assert a.name in _one(feed, "title").text
    (home,) = [x for x in feed.findall(ATOM + "link") if x.get("rel") == "alternate"]
    assert urlsplit(home.get("href")).path == reverse("zfxxgk:agency", args=[a.code])
    _check(feed, _expected(items["a_newer"], items["a_older"]))
    assert _one(feed, "id").text != _one(_parse(client, reverse("zfxxgk:feed")), "id").text


def test_an_unknown_agency_has_no_feed(client, world):
    assert client.get(reverse("zfxxgk:agency_feed", args=["NOSUCH"])).status_code == 404

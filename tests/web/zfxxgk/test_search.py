"""Search finds any substring of a title, 文号 or body, Chinese included, through the database's
trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL: run with DATABASE_URL for the latter);
one- and two-character terms through LIKE; ranked; narrowed by the filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from gongkai.catalogue.choices import Validity
from gongkai.catalogue.models import Item
from gongkai.zfxxgk.search import Filters, search

from .conftest import make_item

BODY = (
    "为进一步规范本区既有住宅加装电梯工作，切实解决老年人上下楼难的问题，结合本区实际，制定本办法。"
)


@pytest.fixture
def items(world, topic, genre):
    a, b = world.office_a, world.office_b
    return {
        "body": make_item(
            a,
            "示范区既有住宅增设电梯管理办法",
            BODY,
            doc_number="示政规〔2026〕1号",
            topic=topic,
            genre=genre,
        ),
        "title": make_item(
            b,
            "关于老年人上下楼难问题的答复",
            "正文另述。",
            doc_number="示住建函〔2025〕7号",
            published_on=dt.date(2025, 6, 1),
        ),
        "repealed": make_item(
            a,
            "示范区电梯安全管理暂行规定",
            "已废止的规定，涉及老年人上下楼。",
            validity=Validity.REPEALED,
            validity_on=dt.date(2026, 1, 1),
        ),
    }


def _found(q, **filters):
    return [i.title for i in search(q, Filters(**filters))]


def test_it_finds_a_substring_of_a_body(items):
    assert _found("加装电梯工作") == [items["body"].title]
    assert _found("楼难的问") == [items["body"].title]  # across the words of a sentence


def test_it_finds_by_doc_number_and_title(items):
    assert _found("示政规〔2026〕") == [items["body"].title]
    assert _found("7号") == [items["title"].title]  # two characters: LIKE


def test_a_title_hit_ranks_above_a_body_hit(items):
    found = _found("老年人上下楼")
    assert found[0] == items["title"].title
    assert set(found) == {i.title for i in items.values()}


def test_short_terms_and_several_terms(items):
    assert set(_found("电梯")) == {items["body"].title, items["repealed"].title}
    assert _found("电梯 加装") == [items["body"].title]
    assert _found("梯") and _found("不存在的文字内容") == []


def test_filters(items, world, topic, genre):
    assert _found("老年人", agency_id=world.office_b.pk) == [items["title"].title]
    assert _found("老年人", year=2025) == [items["title"].title]
    assert _found("老年人", validity=Validity.REPEALED) == [items["repealed"].title]
    assert _found("", topic=topic.code, genre=genre.code) == [items["body"].title]


def test_the_index_follows_edits(items):
    item = items["body"]
    item.body = "本办法自发布之日起施行，有效期五年。"
    item.save()
    assert _found("加装电梯工作") == []
    assert _found("有效期五年") == [item.title]


def test_query_syntax_is_text(items):
    # FTS5 operators and LIKE wildcards are searched for as characters, not obeyed.
    for q in ('"', "NEAR(老年人", "%%%", "_", "老年人 OR 电梯", "a*", "\\"):
        search(q, Filters()).count()
    assert _found("%") == [] and _found("___") == []


def test_the_index_serves_the_search(items, world):
    """The trigram index is what answers, not a scan of every public item (PostgreSQL's planner
    is given enough rows, and fresh statistics, to choose)."""
    if connection.vendor == "postgresql":
        filler = [
            make_item(world.office_a, f"填充条目{n}", f"与检索无关的正文{n}" * 20) for n in range(2)
        ]
        Item.objects.bulk_create(
            [
                Item(
                    **{
                        f.attname: getattr(filler[n % 2], f.attname)
                        for f in Item._meta.concrete_fields
                        if not f.primary_key
                    }
                    | {"index_no": f"FILL/{n}", "body": f"与检索无关的正文{n}" * 20}
                )
                for n in range(3000)
            ]
        )
    from gongkai.zfxxgk import search as module

    assert _found("加装电梯工作") == [items["body"].title]
    qs = module._indexed(Item.objects.public(), ["加装电梯工作"]).values("id")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # New rows wait in GIN's pending list until (auto)vacuum; the planner counts that cost.
            cursor.execute("SELECT gin_clean_pending_list('zfxxgk_item_text_day_trgm')")
            cursor.execute("ANALYZE catalogue_item")
        sql, params = qs.query.sql_with_params()
        cursor.execute(
            ("EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN ") + sql,
            params,
        )
        plan = " ".join(str(row) for row in cursor.fetchall())
    if connection.vendor == "postgresql":
        assert "zfxxgk_item_text_day_trgm" in plan, plan
    else:
        # The FTS5 match drives the join; each hit is looked up by id.
        assert (
            "SCAN zfxxgk_item_fts VIRTUAL TABLE INDEX" in plan and "INTEGER PRIMARY KEY" in plan
        ), plan


def test_both_plans_find_the_same(items, monkeypatch):
    """A walk by date (common terms; with three items every search walks) and the index (rare
    terms: forced here by an empty sample and window) find the same items, ranked alike."""
    from gongkai.zfxxgk import search as module

    walked = [_found(q) for q in ("加装电梯工作", "老年人上下楼", "老年人 电梯", "7号")]
    monkeypatch.setattr(module, "SAMPLE", 1)  # the walk goes on after its first row
    assert [_found(q) for q in ("加装电梯工作", "老年人上下楼", "老年人 电梯", "7号")] == walked
    monkeypatch.setattr(module, "SAMPLE", 0)
    monkeypatch.setattr(module, "WINDOW", 0)
    assert [_found(q) for q in ("加装电梯工作", "老年人上下楼", "老年人 电梯")] == walked[:3]
    assert walked[0] == [items["body"].title]
    assert set(walked[1]) == {i.title for i in items.values()}
    assert walked[1][0] == items["title"].title  # ranked
    monkeypatch.setattr(module, "RESULT_LIMIT", 2)
    assert len(_found("老年人上下楼")) == 2


def test_a_case_is_ignored_in_both_plans(world, monkeypatch):
    from gongkai.zfxxgk import search as module

    make_item(world.office_a, "关于PM2.5监测的通知", "正文。")
    assert len(_found("pm2.5监测")) == 1
    monkeypatch.setattr(module, "SAMPLE", 0)
    monkeypatch.setattr(module, "WINDOW", 0)
    assert len(_found("pm2.5监测")) == 1


def test_short_terms_alone_search_the_newest_window(items, monkeypatch, client, world):
    """One or two characters have no index: only the newest WINDOW items are read, and the
    page says so."""
    from gongkai.zfxxgk import search as module

    assert search("电梯", Filters()).window is None
    monkeypatch.setattr(module, "SAMPLE", 1)
    monkeypatch.setattr(module, "WINDOW", 1)
    found = search("电梯", Filters())
    assert found.window == 1 and len(found) <= 1
    page = client.get("/zfxxgk/search/", {"q": "电梯"}).content.decode()
    assert "少于三个字的检索词只在最新发布的1条中检索" in page


def _dated(world, n, phrase, *, first_published):
    """n items holding `phrase`, registered in turn and published a day apart, newest last,
    each after a filler item without it published the same day (ids follow dates, as they
    mostly do: PostgreSQL bounds a range of ids by the date found at its start)."""
    made = []
    for k in range(n):
        day = first_published + dt.timedelta(days=k)
        make_item(world.office_b, f"无关条目{k}", "与检索无关。", published_on=day)
        made.append(
            make_item(
                world.office_a,
                f"第{k}号公告",
                f"关于{phrase}的公告。",
                published_on=day,
            )
        )
    return made


def _floors_read(monkeypatch, module) -> list[int]:
    """The id floors `_through_index` asks the index from, in order (0: the whole index)."""
    floors, real = [], module._newest_from

    def newest_from(qs, found, long_terms, floor):
        floors.append(floor)
        return real(qs, found, long_terms, floor)

    monkeypatch.setattr(module, "_newest_from", newest_from)
    return floors


def test_the_index_is_read_from_the_newest_ids_first(world, monkeypatch):
    """Terms the walk finds rarely go through the index, read over the newest ids first: the
    matches are the newest by date, those of the whole index, including an item registered
    long before the ids read but published after the matches found there (SQLite reads it
    apart, PostgreSQL bounds the range by publication date)."""
    from gongkai.zfxxgk import search as module

    late = make_item(
        world.office_a,
        "迟发布的公告",
        "关于文化服务站点建设的公告。",
        published_on=dt.date(2026, 3, 30),
    )
    _dated(world, 12, "文化服务站点建设", first_published=dt.date(2026, 3, 1))
    monkeypatch.setattr(module, "RESULT_LIMIT", 3)
    monkeypatch.setattr(module, "SAMPLE", 4)  # the newest four: the late item and three matches
    lates, real_late, whole_index = [], module._late, module._index_newest

    def late_ids(qs, floor, day):
        lates.append(real_late(qs, floor, day))
        return lates[-1]

    floors = _floors_read(monkeypatch, module)
    monkeypatch.setattr(module, "_late", late_ids)
    public = Item.objects.public()
    terms = ["文化服务站点"]
    rows = module._through_index(public, terms, terms, hits=4, read=4)
    assert floors and floors[0] > late.pk  # only the newest ids through the index
    whole = whole_index(public, terms, terms)
    assert [r[0] for r in rows] == [r[0] for r in whole] and rows[0][0] == late.pk
    if connection.vendor != "sqlite":
        assert floors == floors[:1] and not lates  # one round, bounded by date
        return
    assert lates == [[late.pk]]  # the late item found apart
    # More late rows than LATE_CAP: the index is read further back until it holds them.
    monkeypatch.setattr(module, "LATE_CAP", 0)
    floors.clear()
    assert module._through_index(public, terms, terms, hits=4, read=4) == whole
    assert len(floors) >= 2 and floors[-1] <= late.pk


def test_the_index_range_widens_until_it_holds_enough(world, monkeypatch):
    from gongkai.zfxxgk import search as module

    made = _dated(world, 10, "文化服务站点建设", first_published=dt.date(2026, 3, 1))
    monkeypatch.setattr(module, "RESULT_LIMIT", 8)
    monkeypatch.setattr(module, "SAMPLE", 4)
    floors = _floors_read(monkeypatch, module)
    terms = ["文化服务站点"]
    monkeypatch.setattr(module, "WIDEN", 2)
    monkeypatch.setattr(module, "MARGIN", 2)
    # A sample rate three times the real one: the first range holds too few.
    rows = module._through_index(Item.objects.public(), terms, terms, hits=12, read=4)
    assert [r[0] for r in rows] == [i.pk for i in reversed(made)][:8]
    assert len(floors) >= 2 and floors == sorted(floors, reverse=True) and floors[-1] < floors[0]

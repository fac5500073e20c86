"""The staff side of the catalogue, as users: register with an attachment, approve, list, export,
import; other agencies' staff get 404 (not revealed) and visible-but-not-permitted gets 403."""

from __future__ import annotations

import datetime as dt
import io
import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.catalogue import imports, services
from gongkai.catalogue.models import ImportJob, Item
from gongkai.holidays.models import HolidayYear

from ..fuzzing import edit_member
from ..holiday_fixtures import INVENTED_2027
from .conftest import FORMED, make_item


@pytest.fixture(autouse=True)
def _private_dir(settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path)


def test_it_registers_with_an_attachment_and_publishes_after_approval(world, client):
    client.force_login(world.registrar)
    response = client.post(
        reverse("catalogue:item_create"),
        {
            "agency": world.office_a.pk,
            "co_publishers": [world.office_b.pk],
            "title": "关于做好防汛工作的通知",
            "doc_number": "示办〔2025〕9号",
            "formed_on": "2025-03-03",
            "attribute": "proactive",
            "art20_item": "15",
            "body": "各街道：为做好防汛工作……",
            "attachment": SimpleUploadedFile("通知.pdf", b"%PDF-1.4\n%x\n"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Item.objects.get()
    assert (
        item.review == "pending"
        and item.attachments.count() == 1
        and list(item.co_publishers.all()) == [world.office_b]
    )
    page = client.get(reverse("catalogue:item_detail", args=[item.pk])).content.decode()
    assert item.index_no in page and "待保密审查" in page and "示范区住房和城乡建设局" in page
    # The registrar cannot approve; the approver can, with a publication date.
    assert (
        client.post(reverse("catalogue:item_action", args=[item.pk, "approve"]), {}).status_code
        == 403
    )
    client.force_login(world.approver)
    response = client.post(
        reverse("catalogue:item_action", args=[item.pk, "approve"]), {"published_on": "2025-03-05"}
    )
    assert response.status_code == 302
    assert list(Item.objects.public()) == [item]
    download = client.get(
        reverse("catalogue:attachment_download", args=[item.attachments.get().pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_it_asks_for_reason_and_article_when_not_proactive(world, client):
    client.force_login(world.registrar)
    response = client.post(
        reverse("catalogue:item_create"),
        {
            "agency": world.office_a.pk,
            "title": "内部会议纪要",
            "formed_on": "2025-03-03",
            "attribute": "withheld",
        },
    )
    assert response.status_code == 400 and "应写明理由" in response.content.decode()
    assert not Item.objects.exists()


def test_other_agencies_staff_get_404_and_supervisors_403(world, client):
    item = make_item(world, approve=False)
    urls = [
        reverse("catalogue:item_detail", args=[item.pk]),
        reverse("catalogue:item_edit", args=[item.pk]),
        reverse("catalogue:item_action", args=[item.pk, "approve"]),
    ]
    client.force_login(world.other_handler)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(urls[2], {}).status_code == 404
    assert item.index_no not in client.get(reverse("catalogue:item_list")).content.decode()
    assert b"D01-01" not in client.get(reverse("catalogue:item_export")).getvalue()
    client.force_login(world.other_approver)
    assert client.post(urls[2], {"published_on": "2025-03-05"}).status_code == 404
    # The district supervisor reads office A's catalogue but changes nothing.
    client.force_login(world.district_supervisor)
    assert client.get(urls[0]).status_code == 200
    assert client.get(urls[1]).status_code == 403
    assert client.post(urls[2], {}).status_code == 403
    assert client.get(reverse("catalogue:item_create")).status_code == 403
    assert Item.objects.get(pk=item.pk).review == "pending"


def test_it_filters_late_items_and_exports_text_as_text(world, client):
    late = make_item(world, title='=HYPERLINK("http://evil")', formed_on=dt.date(2025, 1, 6))
    make_item(world, title="按时发布", approve=True)
    client.force_login(world.approver)
    page = client.get(reverse("catalogue:item_list"), {"due": "late"}).content.decode()
    assert late.index_no in page and "按时发布" not in page
    assert client.get(reverse("catalogue:item_list"), {"year": "abc"}).status_code == 400
    response = client.get(reverse("catalogue:item_export"), {"due": "late"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("索引号", "名称", "文号", "成文日期") and len(rows) == 2
    cell = sheet.cell(row=2, column=2)
    assert cell.value == '=HYPERLINK("http://evil")' and cell.data_type == "s"


def test_the_application_page_finds_public_items_by_doc_number(world, client):
    make_item(world, approve=True)
    app = world.application()
    client.force_login(world.handler)
    assert (
        "catalogue-lookup"
        in client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    )
    found = client.get(
        reverse("catalogue:lookup"), {"q": "示办〔2025〕7号", "agency": app.agency_id}
    ).content.decode()
    assert "关于做好老旧小区改造工作的通知" in found and "第三十六条第（一）项" in found


def _workbook(rows, header=imports.COLUMNS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(**values):
    return [values.get(c) for c in imports.COLUMNS]


def _import(client, world, content: bytes) -> ImportJob:
    response = client.post(
        reverse("catalogue:import_start"),
        {
            "agency": world.office_a.pk,
            "file": SimpleUploadedFile("全清单.xlsx", content),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    job = ImportJob.objects.latest("pk")
    imports.run(job)  # what the worker does (tasks.run_import)
    job.refresh_from_db()
    return job


def test_it_imports_a_full_list_keeping_given_index_numbers(world, client):
    client.force_login(world.approver)
    content = _workbook(
        [
            _row(
                索引号="OLD/2024-00007",
                名称="关于印发示范区管理办法的通知",
                文号="示政规〔2024〕1号",
                成文日期=dt.date(2024, 5, 6),
                发布日期="2024-05-10",
                主题分类="综合政务",
                体裁="办法",
                **{"规章/规范性文件": "规范性文件"},
            ),
            _row(
                名称="会议纪要",
                成文日期="2024/06/01",
                公开属性="不予公开",
                理由="过程性信息",
                依据条款="第十六条第二款",
            ),
            _row(
                名称="已废止的通知",
                成文日期="2020-01-02",
                发布日期="2020-01-03",
                有效性="废止",
                **{"失效/废止日期": "2024-01-01"},
            ),
        ]
    )
    job = _import(client, world, content)
    assert (job.status, job.imported, job.percent) == ("done", 3, 100), job.problems
    first = Item.objects.get(index_no="OLD/2024-00007")
    assert (
        first.register_kind == "normative_documents"
        and first.art20_item == "1"
        and first.review == "approved"
    )
    assert Item.objects.get(title="会议纪要").attribute_article == "art16_2"
    assert Item.objects.public().count() == 2
    page = client.get(reverse("catalogue:import_status", args=[job.pk])).content.decode()
    assert "已导入 3 条" in page


def test_it_reports_import_errors_by_row_and_column_and_stores_nothing(world, client):
    client.force_login(world.registrar)
    content = _workbook(
        [
            _row(名称="好的一行", 成文日期="2024-05-06"),
            _row(名称="日期错误", 成文日期="2024-13-40"),
            _row(名称="", 成文日期="2024-05-06", 体裁="不存在的体裁"),
            _row(名称="缺理由", 成文日期="2024-05-06", 公开属性="依申请公开"),
            _row(名称="好的另一行", 成文日期="2024-05-07"),
        ]
    )
    job = _import(client, world, content)
    assert job.status == "failed" and job.imported == 0
    assert any(p.startswith("第3行第D列「成文日期」") for p in job.problems), job.problems
    assert "第4行第B列「名称」：不能为空。" in job.problems
    assert any(p.startswith("第4行第G列「体裁」") for p in job.problems)
    assert any(p.startswith("第5行：") and "理由" in p for p in job.problems)
    assert not Item.objects.exists()
    page = client.get(reverse("catalogue:import_status", args=[job.pk])).content.decode()
    assert "未导入任何条目" in page and "第3行第D列" in page
    # A file that is not a workbook is refused at once, and another agency's staff cannot see the job.
    response = client.post(
        reverse("catalogue:import_start"),
        {"agency": world.office_a.pk, "file": SimpleUploadedFile("x.xlsx", b"%PDF-1.4\n")},
    )
    assert response.status_code == 400 and "不是 Excel" in response.content.decode()
    client.force_login(world.other_handler)
    assert client.get(reverse("catalogue:import_status", args=[job.pk])).status_code == 404


def test_it_refuses_a_file_missing_a_required_column(world, client):
    client.force_login(world.registrar)
    job = _import(client, world, _workbook([["x"]], header=["名称"]))
    assert job.status == "failed" and job.problems[0].startswith("第1行：缺少列「成文日期」")


def test_it_refuses_a_row_numbered_past_excels_last_without_walking_to_it(world, client):
    # Without a <dimension>, openpyxl's iter_rows yielded an empty row for each number up to 1e9:
    # the worker filled memory (MemoryError at 2 GB after 10 s of CPU).
    client.force_login(world.registrar)
    content = edit_member(
        _workbook([_row(名称="好的一行", 成文日期="2024-05-06")]),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml).replace(
            b'<row r="2"', b'<row r="1e9"'
        ),
    )
    start = time.process_time()
    job = _import(client, world, content)
    assert time.process_time() - start < 2
    assert job.status == "failed" and "1048576" in job.problems[0]
    assert not Item.objects.exists()


def test_the_staff_home_links_the_catalogue(world, client):
    client.force_login(world.handler)
    assert (
        reverse("catalogue:item_list")
        in client.get(reverse("staff:application_list")).content.decode()
    )
    assert FORMED  # the conftest's date is the one registrations use


def test_the_detail_page_shows_an_attribute_change_before_and_after_in_words(world, client):
    from gongkai.catalogue import services

    item = make_item(world, approve=True)
    services.change_attribute(
        world.handler, item, "withheld", reason="经复核涉及国家秘密", article="art14"
    )
    client.force_login(world.handler)
    page = client.get(reverse("catalogue:item_detail", args=[item.pk])).content.decode()
    assert "公开属性：主动公开 → 不予公开" in page and "保密审查：审查通过 → 待保密审查" in page


def test_it_reports_progress_while_checking_a_large_file(world):
    rows = [_row(名称=f"文件{n}", 成文日期="2024-05-06") for n in range(1201)]
    job = ImportJob(agency=world.office_a, original_name="大.xlsx", created_by=world.registrar)
    seen = []
    items = imports.parse(_workbook(rows), job, lambda done, total: seen.append((done, total)))
    assert len(items) == 1201 and seen == [(500, 1201), (1000, 1201), (1201, 1201)]


@pytest.mark.parametrize("common", [True, False], ids=["row by row", "index"])
def test_the_staff_list_searches_through_the_index(client, world, monkeypatch, common):
    """The staff's search finds a substring of a title, 文号 or body (the 专栏's search index),
    by 索引号 exactly, and only within the agencies the user may read."""
    body = make_item(
        world, title="关于河道保洁的通知", body="推进既有住宅加装电梯工作。", doc_number=""
    )
    wenhao = make_item(world, title="其他通知", doc_number="示办〔2025〕88号")
    other = make_item(world, agency=world.office_b, title="关于河道保洁的通知（B）")
    from gongkai.zfxxgk import search

    monkeypatch.setattr(search, "_common", lambda qs, found: common)  # both plans
    client.force_login(world.registrar)

    def found(q):
        page = client.get(reverse("catalogue:item_list"), {"q": q}).content.decode()
        return {i.pk for i in (body, wenhao, other) if f"/staff/catalogue/{i.pk}/" in page}

    assert found("加装电梯") == {body.pk}
    assert found("〔2025〕88") == {wenhao.pk}
    assert found("河道") == {body.pk}  # two characters; office B's item is not office A's to see
    assert found(body.index_no) == {body.pk}
    assert found("不存在的词语") == set()


def _listed(client, **filters) -> set[int]:
    """The items (pks) the staff list shows with these filters."""
    page = client.get(reverse("catalogue:item_list"), filters).content.decode()
    return {int(pk) for pk in re.findall(r'<td><a href="/staff/catalogue/(\d+)/">', page)}


def _li(page: str, title: str) -> str:
    """The list item of `title` on a page."""
    return next(li for li in re.findall(r"<li>.*?</li>", page, re.S) if title in li)


def test_it_flags_interpretations_published_after_their_document_or_not_at_all(world, client):
    document = make_item(world, approve=True, published_on=dt.date(2025, 3, 6))
    with_it = make_item(
        world,
        title="图解：老旧小区改造",
        interprets=document,
        interpretation_kind="graphic",
        approve=True,
        published_on=dt.date(2025, 3, 6),
    )
    after = make_item(
        world,
        title="文字解读：老旧小区改造",
        interprets=document,
        interpretation_kind="text",
        approve=True,
        published_on=dt.date(2025, 3, 10),
    )
    missing = make_item(
        world, title="问答：老旧小区改造", interprets=document, interpretation_kind="qa"
    )
    # A document not yet public (published next week): its 解读 is not late yet.
    scheduled = make_item(world, title="定时发布的文件", doc_number="")
    services.approve(world.approver, scheduled, published_on=dt.date.today() + dt.timedelta(days=7))
    waiting = make_item(
        world, title="解读：定时发布的文件", interprets=scheduled, interpretation_kind="text"
    )
    client.force_login(world.handler)
    assert _listed(client, due="interpretation_late") == {after.pk, missing.pk}
    page = client.get(reverse("catalogue:item_detail", args=[document.pk])).content.decode()
    assert "晚于文件发布" in _li(page, "文字解读：老旧小区改造")
    assert "晚于文件发布" in _li(page, "问答：老旧小区改造")
    assert "晚于文件发布" not in _li(page, "图解：老旧小区改造")

    def flag(item):
        page = client.get(reverse("catalogue:item_detail", args=[item.pk])).content.decode()
        found = re.search(r'id="interpretation-late">([^<]*)<', page)
        return found and found.group(1)

    assert flag(after).startswith("解读晚于文件发布（文件2025-03-06已发布")
    assert flag(missing).startswith("解读尚未发布（文件2025-03-06已发布")
    assert flag(with_it) is None and flag(waiting) is None
    scheduled_page = client.get(reverse("catalogue:item_detail", args=[scheduled.pk]))
    assert "晚于文件发布" not in _li(scheduled_page.content.decode(), "解读：定时发布的文件")
    # Another agency's handler sees none of it, in the list or by address.
    client.force_login(world.other_handler)
    assert _listed(client, due="interpretation_late") == set()
    for item in (document, after, missing):
        assert client.get(reverse("catalogue:item_detail", args=[item.pk])).status_code == 404


def _install_invented_2027():
    """Our invented 2027 (tests/holiday_fixtures.py): 元旦 Friday 1 January off, Saturday
    9 January worked. chinese-calendar does not know it; the admin's table does."""
    HolidayYear.objects.create(year=2027, source=INVENTED_2027.notice).replace_days(INVENTED_2027)


def test_the_detail_page_counts_due_date_and_lateness_in_working_days(world, client, today):
    _install_invented_2027()
    today(dt.date(2027, 1, 11))
    # Formed Friday 4 December 2026: the 20th working day is Monday 4 January (counting the
    # weekdays alone gives Friday 1 January, a holiday). Unpublished on Monday 11 January:
    # 5–8 January and the worked Saturday 9th and the 11th, 6 working days late (5 weekdays).
    unpublished = make_item(world, title="未按时公开的通知", formed_on=dt.date(2026, 12, 4))
    # Formed Tuesday 1 December: due Tuesday 29 December; published Friday 8 January: 30 and
    # 31 December, then 4–8 January past 元旦, 7 working days late (8 weekdays, 10 days).
    published = make_item(
        world,
        title="逾期公开的通知",
        formed_on=dt.date(2026, 12, 1),
        approve=True,
        published_on=dt.date(2027, 1, 8),
    )
    on_time = make_item(
        world,
        title="按时公开的通知",
        formed_on=dt.date(2026, 12, 4),
        approve=True,
        published_on=dt.date(2027, 1, 4),
    )
    client.force_login(world.handler)

    def due(item):
        page = client.get(reverse("catalogue:item_detail", args=[item.pk])).content.decode()
        return re.sub(r"<[^>]+>", "", re.search(r'<dd id="due">(.*?)</dd>', page).group(1))

    assert due(unpublished).startswith("2027-01-04") and due(unpublished).endswith("逾期6个工作日")
    assert due(published).startswith("2026-12-29") and due(published).endswith("逾期7个工作日")
    assert due(on_time).startswith("2027-01-04") and "逾期" not in due(on_time)
    assert _listed(client, due="late") == {unpublished.pk, published.pk}
    # The day before the due date it is not late; the list of soon-due items has it instead.
    today(dt.date(2026, 12, 31))
    assert "逾期" not in due(unpublished)
    assert _listed(client, due="late") == {published.pk}
    assert _listed(client, due="soon") == {unpublished.pk}


def test_the_soon_due_list_has_unpublished_items_due_in_five_working_days(world, client, today):
    _install_invented_2027()
    today(dt.date(2027, 1, 5))
    # Five working days from Tuesday 5 January end on Monday 11 January (Saturday 9th worked).
    due_today = make_item(world, title="今天到期", formed_on=dt.date(2026, 12, 7))
    due_saturday = make_item(world, title="周六调休日到期", formed_on=dt.date(2026, 12, 11))
    due_last = make_item(world, title="第五个工作日到期", formed_on=dt.date(2026, 12, 14))
    make_item(world, title="第六个工作日到期", formed_on=dt.date(2026, 12, 15))
    make_item(world, title="已逾期", formed_on=dt.date(2026, 12, 4))
    make_item(
        world,
        title="已发布",
        formed_on=dt.date(2026, 12, 11),
        approve=True,
        published_on=dt.date(2027, 1, 4),
    )
    theirs = make_item(
        world, agency=world.office_b, title="乙单位即将到期", formed_on=dt.date(2026, 12, 11)
    )
    assert (due_today.due_on, due_saturday.due_on, due_last.due_on) == (
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 9),
        dt.date(2027, 1, 11),
    )
    client.force_login(world.handler)
    assert _listed(client, due="soon") == {due_today.pk, due_saturday.pk, due_last.pk}
    client.force_login(world.other_handler)
    assert _listed(client, due="soon") == {theirs.pk}


def test_it_changes_validity_through_the_action_and_logs_it(world, client):
    item = make_item(world, approve=True)
    url = reverse("catalogue:item_action", args=[item.pk, "change_validity"])
    client.force_login(world.other_handler)
    assert client.post(url, {"validity": "repealed", "on": "2025-06-30"}).status_code == 404
    client.force_login(world.handler)
    response = client.post(url, {"validity": "repealed"})
    assert response.status_code == 400
    assert "有效性为“废止”的，应填写日期" in response.content.decode()
    response = client.post(url, {"validity": "repealed", "on": "2025-02-28"})
    assert response.status_code == 400 and "不能早于成文日期" in response.content.decode()
    assert Item.objects.get(pk=item.pk).validity == "valid"
    assert client.post(url, {"validity": "repealed", "on": "2025-06-30"}).status_code == 302
    page = client.get(reverse("catalogue:item_detail", args=[item.pk])).content.decode()
    assert "有效性：有效 → 废止" in page and "失效/废止日期：（空） → 2025-06-30" in page


def test_the_lookup_gives_the_public_address_to_tell_the_applicant(world, client):
    ours = make_item(world, approve=True)
    theirs = make_item(
        world,
        agency=world.office_b,
        title="关于老旧小区加装电梯的通知",
        doc_number="示住建〔2025〕3号",
        approve=True,
    )
    make_item(world, title="关于老旧小区改造资金的批复", doc_number="示办〔2025〕8号")
    client.force_login(world.handler)
    page = client.get(
        reverse("catalogue:lookup"), {"q": "老旧小区", "agency": world.office_a.pk}
    ).content.decode()
    found = re.findall(r"<li>.*?</li>", page, re.S)
    assert len(found) == 2 and "改造资金" not in page  # not approved: not public
    ours_li, theirs_li = _li(page, ours.title), _li(page, theirs.title)
    ours_url = f"http://testserver/zfxxgk/{world.office_a.code}/zfxxgkml/{ours.pk}/"
    theirs_url = f"http://testserver/zfxxgk/{world.office_b.code}/zfxxgkml/{theirs.pk}/"
    assert f">{ours_url}</a>" in ours_li and f">{theirs_url}</a>" in theirs_li
    # The staff link only to what the handler may read (office B's item is not theirs).
    assert reverse("catalogue:item_detail", args=[ours.pk]) in ours_li
    assert "/staff/catalogue/" not in theirs_li
    # The address is the item's public page, open to anyone.
    client.logout()
    for item, url in ((ours, ours_url), (theirs, theirs_url)):
        public = client.get(url.removeprefix("http://testserver"))
        assert public.status_code == 200 and item.title in public.content.decode()


def _progress(client, job) -> str:
    job.save()
    response = client.get(reverse("catalogue:import_status", args=[job.pk]), HTTP_HX_REQUEST="1")
    assert response.status_code == 200
    return response.content.decode()


def test_the_import_page_shows_progress_while_checking_and_writing(world, client):
    job = ImportJob.objects.create(
        agency=world.office_a,
        original_name="大.xlsx",
        created_by=world.registrar,
        status=ImportJob.Status.RUNNING,
        total=1201,
        done=500,
    )
    client.force_login(world.registrar)
    page = _progress(client, job)
    assert '<progress max="100" value="41">41%</progress> 500/1201 行' in page
    assert "hx-trigger" in page  # asks again until finished
    job.done = 1201  # every row checked; the transaction storing them is still open
    page = _progress(client, job)
    assert '<progress max="100">正在写入</progress>' in page and 'value="100"' not in page
    job.status, job.imported = ImportJob.Status.DONE, 1201
    page = _progress(client, job)
    assert 'value="100"' in page and "已导入 1201 条" in page and "hx-trigger" not in page
    client.force_login(world.other_handler)
    assert client.get(reverse("catalogue:import_status", args=[job.pk])).status_code == 404

"""表二 from the register (全清单) and yearly figures; the XLSX import names sheet, row and column
of every problem and stores nothing from a bad file; the template of the year decides the columns."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from gongkai.annualreports.compute import build_report, compute_tables
from gongkai.annualreports.models import Scope, YearlyFigures
from gongkai.annualreports.register_import import (
    DOC_COLUMNS,
    FIG_COLUMNS,
    RegisterImportError,
    import_register,
)
from gongkai.catalogue.models import Item

from ..fuzzing import edit_member


def _xlsx(docs=(), figures=()) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "规章和规范性文件"
    ws.append(list(DOC_COLUMNS))
    for row in docs:
        ws.append(list(row))
    ws2 = wb.create_sheet("年度数据")
    ws2.append(list(FIG_COLUMNS))
    for row in figures:
        ws2.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_it_counts_issued_repealed_and_valid_documents_by_date(world):
    a = world.office_a
    for issued, repealed in [
        (dt.date(2025, 3, 1), None),
        (dt.date(2025, 12, 31), None),
        (dt.date(2020, 1, 5), dt.date(2025, 6, 1)),
        (dt.date(2019, 5, 5), None),
        (dt.date(2026, 1, 1), None),
        (dt.date(2018, 1, 1), dt.date(2024, 12, 31)),
    ]:
        Item.objects.create(
            agency=a,
            register_kind="normative_documents",
            title="文件",
            index_no=f"A/{issued}",
            formed_on=issued,
            validity="repealed" if repealed else "valid",
            validity_on=repealed,
        )
    YearlyFigures.objects.create(
        agency=a,
        year=2025,
        licensing_decisions=7,
        penalty_decisions=3,
        fee_amount=Decimal("1.2345"),
    )
    YearlyFigures.objects.create(agency=world.street, year=2025, licensing_decisions=5)
    t2 = compute_tables(a, Scope.SELF, 2025).t2
    assert t2["art20_1"]["normative_documents"] == {
        "issued_this_year": 2,
        "repealed_this_year": 1,
        "currently_valid": 3,
    }
    assert t2["art20_5"]["administrative_licensing"] == {"decisions_this_year": 7}
    assert t2["art20_8"]["administrative_fees"] == {"fee_amount_this_year": 1.2345}
    assert (
        compute_tables(world.district, Scope.TREE, 2025).t2["art20_5"]["administrative_licensing"][
            "decisions_this_year"
        ]
        == 12
    )
    # The 2019 试行 format of a 2020 report: 本年新制作 / 本年新公开 / 对外公开总数量.
    old = compute_tables(a, Scope.SELF, 2020).t2
    assert set(old["art20_1"]["normative_documents"]) == {
        "newly_made",
        "newly_published",
        "total_published",
    }
    assert old["art20_1"]["normative_documents"]["newly_made"] == 1
    assert old["art20_1"]["normative_documents"]["total_published"] == 3
    assert build_report(a, Scope.SELF, 2020).template == "2019"


def test_it_imports_the_register_and_figures(world):
    content = _xlsx(
        docs=[
            (
                "D01-01",
                "规范性文件",
                "关于加强管理的通知",
                "示办规〔2025〕1号",
                dt.date(2025, 2, 3),
                None,
                None,
            ),
            ("D01-01", "规章", "示范区管理办法", "", "2024-05-06", None, "2025-07-01"),
        ],
        figures=[("D01-01", 2025, 12, 4, 0, 3.5)],
    )
    result = import_register(content, allowed_agency_ids={world.office_a.pk})
    assert (result.documents, result.figures) == (2, 1)
    t2 = compute_tables(world.office_a, Scope.SELF, 2025).t2
    assert t2["art20_1"]["regulations"] == {
        "issued_this_year": 0,
        "repealed_this_year": 1,
        "currently_valid": 0,
    }
    assert t2["art20_8"]["administrative_fees"]["fee_amount_this_year"] == 3.5
    # Importing the same file again updates instead of duplicating.
    import_register(content, allowed_agency_ids={world.office_a.pk})
    assert Item.objects.register().count() == 2 and YearlyFigures.objects.count() == 1


def test_it_names_sheet_row_and_column_and_stores_nothing_on_a_bad_file(world):
    content = _xlsx(
        docs=[
            ("D01-01", "规范性文件", "好的一行", "", dt.date(2025, 2, 3), None, None),
            ("D01-01", "通知", "类型不对", "", "2025-13-40", None, None),
        ],
        figures=[("NOPE", 2025, -1, 0, 0, "很多")],
    )
    with pytest.raises(RegisterImportError) as e:
        import_register(content, allowed_agency_ids={world.office_a.pk})
    problems = e.value.problems
    assert "工作表「规章和规范性文件」第3行第B列「类型」：应为“规章”或“规范性文件”。" in problems
    assert any(p.startswith("工作表「规章和规范性文件」第3行第E列「制发日期」") for p in problems)
    assert any(p.startswith("工作表「年度数据」第2行第A列「机关代码」") for p in problems)
    assert any(p.startswith("工作表「年度数据」第2行第C列「行政许可」") for p in problems)
    assert any(
        p.startswith("工作表「年度数据」第2行第F列「行政事业性收费（万元）」") for p in problems
    )
    assert not Item.objects.exists() and not YearlyFigures.objects.exists()


def test_it_refuses_a_file_that_is_not_a_workbook_and_another_agencys_rows(world, client):
    with pytest.raises(RegisterImportError, match="不是有效的 XLSX"):
        import_register(b"not a zip", allowed_agency_ids={world.office_a.pk})
    content = _xlsx(figures=[("D01-02", 2025, 1, 0, 0, 0)])
    client.force_login(world.approver)
    page = client.post(reverse("annual:register_import"), {"file": io.BytesIO(content)})
    assert "无权为“示范区住房和城乡建设局”导入数据" in page.content.decode()
    assert not YearlyFigures.objects.exists()
    client.force_login(world.handler)
    assert client.get(reverse("annual:register_import")).status_code == 403


def _rows_renumbered(content: bytes, sheet: int, numbers: dict[str, str]) -> bytes:
    """The workbook with rows of a sheet renumbered and its <dimension> dropped (a tool's file)."""

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
        for old, new in numbers.items():
            xml = xml.replace(f'<row r="{old}"'.encode(), f'<row r="{new}"'.encode())
            if new.isdigit():  # the cells name their row too
                xml = re.sub(f'(<c r="[A-Z]+){old}"'.encode(), rf'\g<1>{new}"'.encode(), xml)
        return xml

    return edit_member(content, f"xl/worksheets/sheet{sheet}.xml", edit)


def test_it_names_a_row_by_its_number_in_the_sheet_even_after_a_gap(world):
    content = _rows_renumbered(_xlsx(figures=[("NOPE", 2025, 0, 0, 0, 0)]), 2, {"2": "7"})
    with pytest.raises(RegisterImportError) as e:
        import_register(content, allowed_agency_ids={world.office_a.pk})
    assert any(p.startswith("工作表「年度数据」第7行第A列「机关代码」") for p in e.value.problems)


def test_it_refuses_a_row_numbered_past_excels_last_without_walking_to_it(world):
    # Without a <dimension>, openpyxl's iter_rows yielded an empty row for each number up to 1e9:
    # the import filled memory (MemoryError at 2 GB after 10 s of CPU).
    content = _rows_renumbered(_xlsx(figures=[("D01-01", 2025, 1, 0, 0, 0)]), 2, {"2": "1e9"})
    start = time.process_time()
    with pytest.raises(RegisterImportError) as e:
        import_register(content, allowed_agency_ids={world.office_a.pk})
    assert time.process_time() - start < 1
    [problem] = e.value.problems
    assert problem.startswith("工作表「年度数据」：") and "1048576" in problem
    assert not YearlyFigures.objects.exists()


@pytest.mark.parametrize(
    ("column", "value"),
    [(2, "²"), (2, "9" * 5000), (3, 1e300), (3, "3000000000"), (5, "1e20")],
)
def test_a_figure_that_no_column_can_hold_is_a_problem_not_a_crash(world, column, value):
    # "²".isdigit() and 5,000 digits passed to int() raised; 1e300 and 1e20 reached the database.
    row = ["D01-01", 2025, 1, 0, 0, 0]
    row[column] = value
    with pytest.raises(RegisterImportError) as e:
        import_register(_xlsx(figures=[row]), allowed_agency_ids={world.office_a.pk})
    assert any(
        p.startswith(f"工作表「年度数据」第2行第{'ABCDEF'[column]}列") for p in e.value.problems
    )
    assert not YearlyFigures.objects.exists()

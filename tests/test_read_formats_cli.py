"""`gongkai check` on broken files of every format: one line naming the file, exit 2, no traceback."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest
from hypothesis import given, settings

from gongkai.cli import main
from tests.strategies import reports


def _docx() -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.cell(1, 1, "表三")
    book.save(out)
    return out.getvalue()


def _zip_without(main_part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part.split("/")[0] + "/styles.xml", "<x/>")
    return out.getvalue()


BROKEN = {
    "truncated.docx": _docx()[:2000],
    "truncated.xlsx": _xlsx()[:2000],
    "nomain.docx": _zip_without("word/document.xml"),
    "nomain.xlsx": _zip_without("xl/workbook.xml"),
    "news.html": "<html><body><div class='nav'>首页</div><p>今日新闻：某局召开会议。</p></body></html>".encode(),
    "damaged.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF",
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_it_exits_2_with_one_line_for_a_broken_file(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(BROKEN[name])
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"gongkai: {path}: ")
    assert "Traceback" not in captured.err + captured.out


def test_it_still_checks_the_good_files_given_beside_a_broken_one(tmp_path, capsys):
    good = tmp_path / "good.docx"
    document = docx.Document()
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
    ):
        document.add_paragraph(heading)
    document.add_paragraph("某局2024年政府信息公开工作年度报告正文。")
    document.save(good)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(BROKEN["truncated.docx"])
    assert main(["check", "--json", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "good.docx" not in captured.err and "bad.docx" in captured.err
    assert '"sections"' in captured.out


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_it_never_raises_anything_but_a_read_error_on_damaged_bytes(name):
    """Every prefix of a broken file, and the file with bytes flipped, is refused cleanly."""
    from gongkai.report import Report, ReportReadError, read_bytes

    data = BROKEN[name]
    variants = [data[:n] for n in range(1, len(data), max(1, len(data) // 25))]
    variants += [bytes(b ^ 0x5A if i % 97 == 13 else b for i, b in enumerate(data))]
    for variant in variants:
        try:
            assert isinstance(read_bytes(variant, name), Report)
        except ReportReadError:
            pass


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf", "html"])
@settings(max_examples=1, deadline=None, database=None)
@given(report=reports(template="2021"))
def test_it_refuses_cleanly_a_good_file_cut_short_anywhere(fmt, report):
    from gongkai.report import Report, ReportReadError, read_bytes
    from gongkai.report.writers import write

    data = write(report, fmt)
    for n in range(64, len(data), max(1, len(data) // 40)):
        try:
            assert isinstance(read_bytes(data[:n], f"cut.{fmt}"), Report)
        except ReportReadError:
            pass

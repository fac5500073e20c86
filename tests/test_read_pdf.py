"""The PDF reader on files it cannot read as text: encrypted, damaged, scanned (image only)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfWriter

from gongkai.cli import main
from gongkai.report import ReportReadError, read_bytes
from gongkai.report.readers import reader_for


def _blank_pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned_pdf(pages: int = 2) -> bytes:
    """Pages that are pictures of a report: ruled lines and dark strokes, no text layer."""
    images = []
    for _ in range(pages):
        image = Image.new("L", (600, 850), 255)
        draw = ImageDraw.Draw(image)
        for y in range(100, 700, 40):
            draw.line((60, y, 540, y), fill=0, width=2)
            draw.rectangle((70, y + 10, 300, y + 25), fill=80)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return out.getvalue()


def test_it_refuses_an_encrypted_pdf_with_a_clear_reason():
    data = _blank_pdf(password="secret")
    assert reader_for(data, "r.bin").name == "pdf"
    with pytest.raises(ReportReadError) as err:
        read_bytes(data, "r.pdf")
    assert "加密" in err.value.reason


@pytest.mark.parametrize("cut", [100, 400])
def test_it_refuses_a_damaged_pdf(cut):
    data = _blank_pdf()[:cut]
    with pytest.raises(ReportReadError) as err:
        read_bytes(data, "r.pdf")
    assert "损坏" in err.value.reason or "没有页面" in err.value.reason


def test_it_reports_that_a_scanned_pdf_needs_ocr_instead_of_an_empty_report():
    report = read_bytes(_scanned_pdf(), "scan.pdf")
    assert [f.rule for f in report.read_findings] == ["READ-PDF-NEEDS-OCR"]
    assert "OCR" in report.read_findings[0].message
    assert report.t3 == {} and report.sections == []


def test_it_exits_1_on_a_scanned_pdf_and_2_on_an_encrypted_one(tmp_path, capsys):
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(_scanned_pdf())
    assert main(["check", str(scanned)]) == 1
    assert "READ-PDF-NEEDS-OCR" in capsys.readouterr().out
    encrypted = tmp_path / "locked.pdf"
    encrypted.write_bytes(_blank_pdf(password="secret"))
    assert main(["check", str(encrypted)]) == 2
    err = capsys.readouterr().err
    assert "locked.pdf" in err and "加密" in err and "Traceback" not in err


def test_it_refuses_a_blank_pdf_rather_than_asking_for_ocr():
    with pytest.raises(ReportReadError) as err:
        read_bytes(_blank_pdf(), "blank.pdf")
    assert "空白" in err.value.reason


def _rule(x0, top, x1, bottom):
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "orientation": "v" if x0 == x1 else "h",
    }


def _char(text, x, y):
    return {"text": text, "x0": x, "x1": x + 8, "top": y, "bottom": y + 8}


def test_it_builds_cells_from_rules_with_a_tall_merged_cell():
    from gongkai.report.readers._pdf_grid import table_grid

    # | 三、结果 (3 rows) | （一）予以公开 | 5 |
    # |                  | （二）部分公开 | 6 |
    # |                  | （七）总计     | 11 |
    rules = [_rule(0, y, 300, y) for y in (0, 100)] + [_rule(50, y, 300, y) for y in (30, 60)]
    rules += [_rule(x, 0, x, 100) for x in (0, 50, 200, 300)]
    chars = [_char("三", 10, 40), _char("果", 10, 52)]
    chars += [_char(t, 60 + 10 * i, 10) for i, t in enumerate("予以公开")]
    chars += [_char(t, 60 + 10 * i, 40) for i, t in enumerate("部分公开")]
    chars += [_char(t, 60 + 10 * i, 75) for i, t in enumerate("总计")]
    chars += [_char("5", 250, 10), _char("6", 250, 40), _char("1", 250, 75), _char("1", 258, 75)]
    grid = table_grid(rules, chars, (0, 0, 300, 100))
    assert grid == [["三\n果", "予以公开", "5"], [None, "部分公开", "6"], [None, "总计", "11"]]


def _ruled_pdf() -> bytes:
    """A page with a table drawn as stroked cell rectangles (one path per cell) and digits:

    +----+----+----+
    |    | 12 | 34 |
    | 7  +----+----+
    |    | 56 |    |
    +----+----+----+
    """
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument.new()
    page = document.new_page(300, 300)
    cells = [
        (50, 200, 50, 60),
        (100, 230, 50, 30),
        (150, 230, 50, 30),
        (100, 200, 50, 30),
        (150, 200, 50, 30),
    ]
    for x, y, w, h in cells:
        rect = raw.FPDFPageObj_CreateNewRect(x, y, w, h)
        raw.FPDFPageObj_SetStrokeColor(rect, 0, 0, 0, 255)
        raw.FPDFPath_SetDrawMode(rect, 0, True)
        raw.FPDFPage_InsertObject(page.raw, rect)
    font = raw.FPDFText_LoadStandardFont(document.raw, b"Helvetica")
    for text, x, y in (("7", 70, 225), ("12", 115, 240), ("34", 165, 240), ("56", 115, 210)):
        obj = raw.FPDFPageObj_CreateTextObj(document.raw, font, 10)
        utf16 = (text + "\x00").encode("utf-16-le")
        raw.FPDFText_SetText(
            obj,
            ctypes.cast(
                ctypes.create_string_buffer(utf16, len(utf16)), ctypes.POINTER(ctypes.c_ushort)
            ),
        )
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_it_finds_a_table_drawn_as_stroked_cell_rectangles():
    import pypdfium2 as pdfium

    from gongkai.report.readers._pdf_geometry import page_chars, page_edges, table_regions
    from gongkai.report.readers._pdf_grid import table_grid

    page = pdfium.PdfDocument(_ruled_pdf())[0]
    regions = table_regions(page_edges(page))
    assert len(regions) == 1
    bbox, edges = regions[0]
    assert [round(v) for v in bbox] == [50, 40, 200, 100]  # measured from the top of the page
    grid = table_grid(edges, page_chars(page, page.get_textpage()), bbox)
    assert grid == [["7", "12", "34"], [None, "56", ""]]


def _text_pdf(pages: list[list[str]]) -> bytes:
    """Pages of ASCII lines in Helvetica, top to bottom (pdfium's standard font: no CJK)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument.new()
    font = raw.FPDFText_LoadStandardFont(document.raw, b"Helvetica")
    for lines in pages:
        page = document.new_page(400, 600)
        for i, line in enumerate(lines):
            obj = raw.FPDFPageObj_CreateTextObj(document.raw, font, 10)
            utf16 = (line + "\x00").encode("utf-16-le")
            raw.FPDFText_SetText(
                obj,
                ctypes.cast(
                    ctypes.create_string_buffer(utf16, len(utf16)), ctypes.POINTER(ctypes.c_ushort)
                ),
            )
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 40, 560 - 20 * i)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_it_drops_a_running_header_and_page_numbers():
    from gongkai.report.readers.pdf import pdf_blocks

    pages = [
        ["Huaian City Annual Report", f"Body text of page {n}.", f"- {n} -"] for n in range(1, 5)
    ]
    blocks, needs_ocr = pdf_blocks(_text_pdf(pages), "r.pdf")
    text = "\n".join(b.text for b in blocks)
    assert not needs_ocr
    assert all(f"Body text of page {n}." in text for n in range(1, 5))
    assert "Huaian" not in text and "-" not in text

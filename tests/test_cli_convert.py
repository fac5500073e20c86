import io
import zipfile

import pytest
from hypothesis import given, settings

from gongkai.cli import main

from .strategies import reports

MAGIC = {"html": b"<!DOCTYPE html>", "md": b"# ", "pdf": b"%PDF-", "docx": b"PK", "xlsx": b"PK"}


@pytest.mark.parametrize("fmt", sorted(MAGIC))
@settings(max_examples=1, deadline=None)
@given(report=reports())
def test_it_converts_canonical_json_to_each_format(fmt, report, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("convert")
    src = tmp / "report.json"
    src.write_text(report.to_json(), encoding="utf-8")
    out = tmp / f"out.{fmt}"
    assert main(["convert", str(src), "--to", fmt, "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(MAGIC[fmt])
    if fmt in ("docx", "xlsx"):
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert ("word/document.xml" if fmt == "docx" else "xl/workbook.xml") in names


@settings(max_examples=1, deadline=None)
@given(report=reports())
def test_it_takes_the_format_from_the_output_suffix(report, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("convert")
    src = tmp / "report.json"
    src.write_text(report.to_json(), encoding="utf-8")
    assert main(["convert", str(src), "-o", str(tmp / "out.md")]) == 0
    assert (tmp / "out.md").read_text(encoding="utf-8").startswith(f"# {report.title}")


def test_it_exits_2_with_one_line_when_the_input_cannot_be_read(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "gongkai.report/1", "year": "二〇二一"}', encoding="utf-8")
    assert main(["convert", str(bad), "--to", "html", "-o", str(tmp_path / "out.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err and "$.year" in err
    assert not (tmp_path / "out.html").exists()

    assert (
        main(
            [
                "convert",
                str(tmp_path / "missing.txt"),
                "--to",
                "html",
                "-o",
                str(tmp_path / "o.html"),
            ]
        )
        == 2
    )
    assert "文件不存在" in capsys.readouterr().err


def test_it_exits_2_when_the_output_format_is_unknown(tmp_path, capsys):
    assert main(["convert", str(tmp_path / "in.json"), "-o", str(tmp_path / "out.rtf")]) == 2
    assert "--to" in capsys.readouterr().err

"""The seed, converted with `gongkai convert` to every format and extracted again, keeps its tables.

The seed prints rows no template has (行政检查, 行政确认 under 其他对外管理服务事项, which has no
figures of its own); they must come back under their parent in every format.
"""

import pytest

from gongkai.cli import main
from gongkai.report import read


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "xlsx", "md", "txt"])
def test_it_converts_the_seed_and_reads_back_its_tables(fmt, seed_path, tmp_path):
    out = tmp_path / f"seed.{fmt}"
    assert main(["convert", str(seed_path), "--to", fmt, "-o", str(out)]) == 0
    original, again = read(seed_path), read(out)
    assert again.to_dict()["tables"] == original.to_dict()["tables"]
    assert (again.year, again.template) == (2020, "2019")
    assert {(r.label, r.parent) for r in again.t2_local_rows} == {
        ("行政检查", "other_external_services"),
        ("行政确认", "other_external_services"),
    }
    if fmt != "xlsx":  # the collection workbook carries the tables only, no narrative
        assert [s.number for s in again.sections] == list("一二三四五六")

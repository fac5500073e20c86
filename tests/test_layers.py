"""Reading stands below the rules: the readers never import gongkai.report.rules."""

import ast
import subprocess
import sys
from pathlib import Path

from gongkai.report import readers
from gongkai.report.writers.text import write_text

from .reportkit import valid_report

_PROBE = """
import sys
from gongkai.report import readers, assemble, completeness, tablemap, narrative_numbers
report = readers.read_bytes(sys.stdin.buffer.read(), "probe.txt")
assert report.t3, "the probe report was not read"
loaded = sorted(m for m in sys.modules if m.startswith("gongkai.report.rules"))
print(" ".join(loaded))
"""


def _modules_loaded_by_reading(data: bytes) -> str:
    # A fresh interpreter: this test process has long imported the rules.
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], input=data, capture_output=True, check=True
    )
    return done.stdout.decode().strip()


def test_it_reads_a_report_without_importing_the_rules():
    assert _modules_loaded_by_reading(write_text(valid_report(), "seed").encode("utf-8")) == ""


def test_it_loads_the_rules_when_check_is_asked_for():
    probe = "import sys, gongkai.report as g; g.check; print('gongkai.report.rules' in sys.modules, len(g.RULES))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True, text=True)
    loaded, count = done.stdout.split()
    assert loaded == "True" and int(count) > 40


def test_the_docx_and_xlsx_readers_do_not_import_each_other():
    # One ZIP dispatch (readers/_zip.py) sends an archive to the format whose main part it holds.
    folder = Path(readers.__file__).parent
    for name, other in (("docx", "xlsx"), ("xlsx", "docx"), ("_zip", "docx"), ("_zip", "xlsx")):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert other not in imported, f"readers/{name}.py imports {other}"

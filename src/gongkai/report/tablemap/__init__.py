"""Mapping printed table cells to the template's keys by their labels (used by assemble()).

Tables arrive as visual rows of cell strings. A row's text cells are its label (joined with the
text of label-only rows before it: group cells, captions, headers); its trailing number cells are
its values. Labels are compared after `norm()` (full-width → ASCII, no spaces or quotes), so
“（三）不予\\n公开” and "(三)不予 公开" are the same label.

表三/表四 values that run together are split with the arithmetic the tables must obey
(cellsplit.py): every 表三 row's 总计 is the sum of the six applicant columns, the outcome rows add
up to （七）总计, 新收＋上年结转＝办理结果总计＋结转下年度 (表三 header note), and every 表四 total is the
sum of its four parts. A reading is accepted only when it is the single best one; published
tables do contain genuine errors, so a row whose own sum is broken is still read when its digits
allow one reading only, and column sums may decide between readings of such a row.

One module per table (t2, t3, t4, as rules/ has), and what they share in common.py.
"""

from .common import CAPTION, Segment, detect_template, is_value, read_values, table_kind, table_text
from .t2 import read_t2
from .t3 import read_t3
from .t4 import read_t4

__all__ = [
    "CAPTION",
    "Segment",
    "detect_template",
    "is_value",
    "read_t2",
    "read_t3",
    "read_t4",
    "read_values",
    "table_kind",
    "table_text",
]

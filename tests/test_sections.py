"""Section headings and label normalisation (sections.py)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gongkai.report.sections import nfkc, norm

# Characters of published reports (CJK, full-width forms and punctuation, ASCII) mixed with
# ones that do combine under NFKC (accents, Hangul jamo, half-width katakana voicing marks).
_REPORT_CHARS = st.sampled_from(
    list("０１２３（）：；，、。“”《》　 \t规章总计ABCab<=>‾‗…")
    + ["\u0301", "\u0338", "\u1100", "\u1161", "\uff76", "\uff9e", "\u302a", "\uf900", "\u2f00"]
)


@given(st.text(_REPORT_CHARS, max_size=40) | st.text(max_size=40))
def test_it_normalises_exactly_as_unicodedata_nfkc(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_it_normalises_full_width_labels_for_comparison():
    assert norm("（三）不予 公开") == "(三)不予公开"
    assert norm("第二十条第（一）项") == "第二十条第(一)项"
    assert norm("“三安全一稳定”") == "三安全一稳定"

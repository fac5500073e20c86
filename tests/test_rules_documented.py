"""docs/rules.md lists every declared rule with the severity it is declared with."""

import re

from gongkai.report import RULES

from .conftest import ROOT

_ROW = re.compile(r"^\| `([A-Z0-9-]+)` \| (error|warning|info) \|", re.MULTILINE)


def test_it_documents_every_rule_with_its_severity():
    documented = dict(_ROW.findall((ROOT / "docs" / "rules.md").read_text(encoding="utf-8")))
    missing = sorted(set(RULES) - set(documented))
    assert missing == [], f"rules missing from docs/rules.md: {missing}"
    wrong = {
        k: (str(r.severity), documented[k])
        for k, r in RULES.items()
        if documented[k] != str(r.severity)
    }
    assert wrong == {}


def test_it_declares_every_rule_with_a_basis_a_grade_and_a_chinese_title():
    for r in RULES.values():
        assert r.basis and r.grade, r.id
        if r.check is not None:  # reader rules (check=None) are graded by their authors
            assert r.grade in {"A", "A-law", "B", "B-implied", "C", "UNVERIFIED"}, r.id
        assert re.search(r"[\u4e00-\u9fff]", r.title), r.id

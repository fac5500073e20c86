"""docs/report.schema.json describes Report.to_dict() exactly."""

import copy
import json

import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from gongkai.report import LocalRow, Report, ReportFormatError
from gongkai.report.schema import schema_json

from .conftest import ROOT
from .reportkit import valid_report
from .strategies import reports

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def test_it_keeps_the_schema_file_equal_to_the_one_the_templates_give():
    assert (ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8") == schema_json()


def test_it_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)


@settings(max_examples=100, deadline=None)
@given(reports())
def test_it_validates_every_generated_report(report):
    report.t2_local_rows.append(
        LocalRow(
            "art20_5",
            "行政检查",
            "other_external_services",
            {"items_last_year": 675, "items_change": -317, "decisions": 420908},
        )
    )
    VALIDATOR.validate(report.to_dict())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("tables", "t3_applications", "granted", "total"), 1.5),  # counts are integers
        (("tables", "t3_applications", "granted", "subtotal"), 1),  # no such column
        (("tables", "t4_review_litigation", "appeal"), {}),  # no such group
        (("tables", "t2_active_disclosure", "art20_1", "regulations", "issued_this_year"), "3"),
        (("format",), "gongkai.report/0"),
        (("template",), "2020"),
    ],
)
def test_it_rejects_what_the_model_rejects(path, value):
    data = copy.deepcopy(valid_report().to_dict())
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert not VALIDATOR.is_valid(data)
    with pytest.raises(ReportFormatError):
        Report.from_dict(data)

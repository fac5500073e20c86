import pytest

from gongkai.report import Report, ReportFormatError
from gongkai.report.model import T3_ROW_KEYS


def test_it_round_trips_a_report_with_blank_cells():
    report = Report(
        year=2020, template="2019", t3={"new_received": {"natural_person": None, "total": 5}}
    )
    data = report.to_dict()
    assert data["tables"]["t3_applications"]["new_received"] == {"natural_person": None, "total": 5}
    assert Report.from_dict(data) == report
    assert Report.from_dict(data).to_dict() == data


def test_it_names_the_bad_member_of_invalid_json():
    data = Report(year=2021, template="2021").to_dict()
    data["tables"]["t3_applications"] = {"new_received": {"total": "7"}}
    with pytest.raises(ReportFormatError) as exc:
        Report.from_dict(data)
    assert exc.value.path == "$.tables.t3_applications.new_received.total"


def test_it_keeps_the_2019_other_row_before_the_2021_sub_rows():
    assert T3_ROW_KEYS.index("other") + 1 == T3_ROW_KEYS.index("other.no_correction")

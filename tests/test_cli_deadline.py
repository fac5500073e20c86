"""`gongkai deadline`: exit codes, JSON shape, the unknown-year message, the holiday file."""

import json

import pytest

from gongkai.cli import main

from .holiday_fixtures import INVENTED_2027


def run(capsys, *argv):
    code = main(["deadline", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_the_due_date_and_numbered_steps(capsys):
    code, out, err = run(capsys, "--received", "2024-09-27")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "答复期限届满日：2024-10-30"
    assert lines[1] == "1. 2024-09-27 收到申请（第三十一条）"
    assert any(line.endswith("2024-10-01至10-07国庆节假期不计入") for line in lines)


def test_it_prints_json_with_due_and_explanation(capsys):
    code, out, _ = run(capsys, "--received", "2024-09-27", "--extended", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["due"] == "2024-11-27"
    assert (
        isinstance(data["explanation"], list)
        and data["explanation"][0] == "2024-09-27 收到申请（第三十一条）"
    )
    assert data["working_days"] == 40 and data["state"] == "due"


def test_it_takes_corrections_and_pauses(capsys):
    code, out, _ = run(
        capsys,
        "--received",
        "2024-09-27",
        "--correction-requested",
        "2024-09-30",
        "--corrected",
        "2024-10-09",
        "--json",
    )
    assert code == 0 and json.loads(out)["due"] == "2024-11-05"
    code, out, _ = run(
        capsys, "--received", "2024-09-27", "--paused", "2024-10-10:2024-10-20", "--json"
    )
    assert json.loads(out)["due"] == "2024-11-11"
    code, out, _ = run(capsys, "--received", "2024-09-27", "--paused", "2024-10-10:", "--json")
    data = json.loads(out)
    assert code == 0 and data["due"] is None and data["state"] == "paused"


def test_it_exits_2_with_a_chinese_message_for_an_unknown_year(capsys):
    code, out, err = run(capsys, "--received", "2026-12-15", "--json")
    assert code == 2 and out == ""
    assert err.startswith("gongkai deadline: 2027年节假日安排尚未录入")
    assert "Traceback" not in err


def test_it_uses_a_holiday_file_for_2027(capsys, tmp_path):
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(INVENTED_2027.to_dict(), ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "--received", "2026-12-15", "--holidays", str(path), "--json")
    assert code == 0 and json.loads(out)["due"] == "2027-01-12"


def test_it_names_a_bad_holiday_file(capsys, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"year": 2027, "notice": "x", "workdays": ["2027-01-04"]}', encoding="utf-8")
    code, _, err = run(capsys, "--received", "2026-12-15", "--holidays", str(path))
    assert code == 2 and str(path) in err and "只能是周六或周日" in err
    code, _, err = run(
        capsys, "--received", "2026-12-15", "--holidays", str(tmp_path / "missing.json")
    )
    assert code == 2 and "无法读取" in err


def test_it_exits_2_for_an_impossible_history(capsys):
    code, _, err = run(capsys, "--received", "2024-09-27", "--extended", "25")
    assert code == 2 and "最长不得超过20个工作日" in err


def test_it_rejects_a_malformed_date(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["deadline", "--received", "2024-13-01"])
    assert exc.value.code == 2
    assert "日期格式应为 YYYY-MM-DD" in capsys.readouterr().err

"""Answer deadlines under 《条例》第三十条、第三十三条, counted by hand from the State Council notices.

Each expected date was counted on paper from the notice (the day of receipt not counted, see
docs/deadlines.md); the comment lists the working days as `date=n`. Notices used:
2023 国办发明电〔2022〕16号: 09-29..10-06 off, 10-07 (Sat) and 10-08 (Sun) worked.
2024 国办发明电〔2023〕7号: 02-10..02-17 off, 02-04 and 02-18 (Sun) worked; 04-04..04-06 off,
     04-07 (Sun) worked; 10-01..10-07 off, 09-29 (Sun) and 10-12 (Sat) worked.
2025 国办发明电〔2024〕12号: 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) worked.
2026 国办发明电〔2025〕7号: 01-01..01-03 off, 01-04 (Sun) worked.
"""

from datetime import date

import pytest

from gongkai.deadlines import (
    CaseHistory,
    CaseHistoryError,
    Correction,
    DeadlineState,
    Extension,
    Pause,
    PauseKind,
    StaticHolidayTable,
    UnknownYearError,
    WorkingCalendar,
    compute_deadline,
)

from .holiday_fixtures import INVENTED_2027

D = date.fromisoformat


def due(received: str, **history) -> date | None:
    return compute_deadline(CaseHistory(D(received), **history)).due


def test_it_counts_20_working_days_across_national_day_2024():
    # 09-28 Sat no; 09-29 Sun make-up=1, 09-30=2, 10-01..07 off, 10-08=3, 09=4, 10=5, 11=6,
    # 10-12 Sat make-up=7, 14=8, 15=9, 16=10, 17=11, 18=12, 21=13, 22=14, 23=15, 24=16, 25=17,
    # 28=18, 29=19, 30=20.
    result = compute_deadline(CaseHistory(D("2024-09-27")))
    assert result.due == D("2024-10-30")
    assert result.state is DeadlineState.DUE and result.counted == 20
    steps = result.explanation
    assert steps[0] == "2024-09-27 收到申请（第三十一条）"
    assert steps[1] == "自次日（2024-09-28）起算20个工作日（第三十三条第二款）"
    assert "2024-10-01至10-07国庆节假期不计入" in steps
    assert "2024-09-29（星期日）调休上班，计入工作日" in steps
    assert "2024-10-12（星期六）调休上班，计入工作日" in steps
    assert "答复期限届满日：2024-10-30（第20个工作日）" in steps
    assert any("国办发明电〔2023〕7号" in s for s in steps)


def test_it_counts_from_a_sunday_make_up_day_of_receipt():
    # Received on 2024-09-29, a Sunday worked under the notice. 09-30=1, 10-08=2, 09=3, 10=4,
    # 11=5, 10-12 Sat=6, 14=7, 15=8, 16=9, 17=10, 18=11, 21=12, 22=13, 23=14, 24=15, 25=16,
    # 28=17, 29=18, 30=19, 31=20.
    assert due("2024-09-29") == D("2024-10-31")


def test_it_counts_across_mid_autumn_and_national_day_2023():
    # 09-29..10-06 off; 10-07 Sat=1, 10-08 Sun=2, 09=3, 10=4, 11=5, 12=6, 13=7, 16=8, 17=9,
    # 18=10, 19=11, 20=12, 23=13, 24=14, 25=15, 26=16, 27=17, 30=18, 31=19, 11-01=20.
    result = compute_deadline(CaseHistory(D("2023-09-28")))
    assert result.due == D("2023-11-01")
    assert "2023-09-29至10-06中秋节、国庆节假期不计入" in result.explanation


def test_it_counts_across_spring_festival_2024():
    # 02-09 (除夕, only "encouraged" off) =1, 02-10..17 off, 02-18 Sun=2, 19=3, 20=4, 21=5, 22=6,
    # 23=7, 26=8, 27=9, 28=10, 29=11, 03-01=12, 04=13, 05=14, 06=15, 07=16, 08=17, 11=18,
    # 12=19, 13=20.
    result = compute_deadline(CaseHistory(D("2024-02-08")))
    assert result.due == D("2024-03-13")
    assert "2024-02-10至02-17春节假期不计入" in result.explanation


def test_it_counts_across_spring_festival_2025_from_its_make_up_day():
    # Received Sunday 2025-01-26 (make-up). 01-27=1, 01-28..02-04 off, 05=2, 06=3, 07=4,
    # 02-08 Sat=5, 10=6, 11=7, 12=8, 13=9, 14=10, 17=11, 18=12, 19=13, 20=14, 21=15, 24=16,
    # 25=17, 26=18, 27=19, 28=20.
    result = compute_deadline(CaseHistory(D("2025-01-26")))
    assert result.due == D("2025-02-28")
    assert "2025-01-28至02-04春节假期不计入" in result.explanation


def test_it_counts_across_the_year_end_with_both_notices():
    # 2025-12-16=1 … 12-19=4, 22..26=5..9, 29=10, 30=11, 31=12, 2026-01-01..03 off,
    # 01-04 Sun make-up=13, 05=14, 06=15, 07=16, 08=17, 09=18, 12=19, 13=20.
    result = compute_deadline(CaseHistory(D("2025-12-15")))
    assert result.due == D("2026-01-13")
    sources = [s for s in result.explanation if s.startswith("节假日依据")]
    assert [("2025年" in s, "2026年" in s) for s in sources] == [(True, False), (False, True)]


def test_it_counts_from_receipt_during_a_holiday():
    # Confirmed online on 2024-10-03 (第三十一条（三）). 10-04..07 off, 10-08=1, 09=2, 10=3, 11=4,
    # 12 Sat=5, 14..18=6..10, 21..25=11..15, 28..31=16..19, 11-01=20.
    result = compute_deadline(CaseHistory(D("2024-10-03")))
    assert result.due == D("2024-11-01")
    assert "2024-10-04至10-07国庆节假期不计入" in result.explanation


def test_it_adds_an_extension_of_20_working_days():
    # From 2024-10-30 (day 20): 10-31=21, 11-01=22, 04..08=23..27, 11..15=28..32,
    # 18..22=33..37, 25=38, 26=39, 27=40.
    result = compute_deadline(
        CaseHistory(D("2024-09-27"), extension=Extension(approved=D("2024-10-25")))
    )
    assert result.due == D("2024-11-27")
    assert result.working_days == 40
    assert "2024-10-30 为原答复期限届满日（第20个工作日）" in result.explanation
    assert any(
        "延长答复期限20个工作日" in s and "第三十三条第二款" in s for s in result.explanation
    )
    assert not any(s.startswith("注意") for s in result.explanation)


def test_it_allows_a_shorter_extension_and_flags_a_late_approval():
    # 10-31=21, 11-01=22, 04..08=23..27, 11=28, 12=29, 13=30.
    result = compute_deadline(
        CaseHistory(D("2024-09-27"), extension=Extension(working_days=10, approved=D("2024-10-31")))
    )
    assert result.due == D("2024-11-13")
    assert "注意：延期于 2024-10-31 批准，晚于原答复期限届满日 2024-10-30" in result.explanation


def test_it_refuses_an_extension_beyond_20_working_days():
    with pytest.raises(CaseHistoryError, match="最长不得超过20个工作日"):
        CaseHistory(D("2024-09-27"), extension=Extension(working_days=21))


def test_it_restarts_the_clock_when_the_corrected_application_arrives():
    # 补正 notice due: 09-29=1, 09-30=2, 10-08=3, 09=4, 10=5, 11=6, 12=7 → 2024-10-12.
    # Clock from 2024-10-09: 10=1, 11=2, 12 Sat=3, 14..18=4..8, 21..25=9..13, 28..31=14..17,
    # 11-01=18, 04=19, 05=20.
    result = compute_deadline(
        CaseHistory(
            D("2024-09-27"),
            correction=Correction(requested=D("2024-09-30"), received=D("2024-10-09")),
        )
    )
    assert result.correction_notice_due == D("2024-10-12")
    assert result.clock_start == D("2024-10-09")
    assert result.due == D("2024-11-05")
    assert "2024-10-09 收到补正后的申请，答复期限自该日起重新计算（第三十条）" in result.explanation
    assert not any(s.startswith("注意") for s in result.explanation)


def test_it_flags_a_correction_notice_sent_after_7_working_days():
    result = compute_deadline(
        CaseHistory(
            D("2024-09-27"),
            correction=Correction(requested=D("2024-10-14"), received=D("2024-10-15")),
        )
    )
    assert "注意：告知补正晚于第三十条规定的期限（2024-10-12）" in result.explanation


def test_it_has_no_due_date_while_the_correction_is_awaited():
    result = compute_deadline(
        CaseHistory(D("2024-09-27"), correction=Correction(requested=D("2024-09-30")))
    )
    assert result.state is DeadlineState.AWAITING_CORRECTION
    assert result.due is None and result.clock_start is None
    assert any("尚未收到补正" in s for s in result.explanation)


def test_it_excludes_a_third_party_consultation():
    # 09-29=1, 09-30=2, 10-08=3, 09=4; paused 10-10..10-20 (working days 10, 11, 12, 14..18: 8);
    # 21..25=5..9, 28..31=10..13, 11-01=14, 04..08=15..19, 11=20.
    pause = Pause(PauseKind.THIRD_PARTY, D("2024-10-10"), D("2024-10-20"))
    result = compute_deadline(CaseHistory(D("2024-09-27"), pauses=(pause,)))
    assert result.due == D("2024-11-11")
    text = next(s for s in result.explanation if s.startswith("征求第三方意见"))
    assert text.startswith("征求第三方意见 2024-10-10至2024-10-20，期间不计入（第三十三条第三款")
    assert "其中8个工作日" in text and "15个工作日" in text
    # The make-up Saturday fell inside the pause: it is not reported as counted.
    assert "2024-10-12（星期六）调休上班，计入工作日" not in result.explanation


def test_it_excludes_a_fee_payment_and_then_extends():
    # 02-09=1, 02-18=2, 19=3; fee notice 02-20..02-26 paused; 27=4, 28=5, 29=6, 03-01=7,
    # 04..08=8..12, 11..15=13..17, 18=18, 19=19, 20=20; extension: 21=21, 22=22, 25..29=23..27,
    # 04-01=28, 02=29, 03=30, 04-04..06 off, 04-07 Sun make-up=31, 08..12=32..36, 15=37, 16=38,
    # 17=39, 18=40.
    fee = Pause(PauseKind.FEE, D("2024-02-20"), D("2024-02-26"))
    assert due("2024-02-08", pauses=(fee,)) == D("2024-03-20")
    result = compute_deadline(CaseHistory(D("2024-02-08"), pauses=(fee,), extension=Extension()))
    assert result.due == D("2024-04-18")
    assert any("相关条款待核实" in s for s in result.explanation)
    assert "2024-04-04至04-06清明节假期不计入" in result.explanation


def test_it_reports_the_remaining_days_while_a_pause_runs():
    pause = Pause(PauseKind.AGENCY, D("2024-10-10"))
    result = compute_deadline(CaseHistory(D("2024-09-27"), pauses=(pause,)))
    assert result.state is DeadlineState.PAUSED and result.due is None
    assert result.counted == 4  # 09-29, 09-30, 10-08, 10-09
    assert "期限暂停：已计4个工作日，尚余16个工作日，恢复计算后再确定届满日" in result.explanation
    assert any("逾期未提出的视为同意公开（第三十四条）" in s for s in result.explanation)


def test_it_ignores_a_pause_that_starts_after_the_due_date():
    pause = Pause(PauseKind.THIRD_PARTY, D("2024-11-04"), D("2024-11-08"))
    result = compute_deadline(CaseHistory(D("2024-09-27"), pauses=(pause,)))
    assert result.due == D("2024-10-30")
    assert any("不影响期限" in s for s in result.explanation)


@pytest.mark.parametrize(
    ("history", "message"),
    [
        (
            {"pauses": (Pause(PauseKind.FEE, D("2024-09-20"), D("2024-09-30")),)},
            "早于答复期限起算日",
        ),
        ({"pauses": (Pause(PauseKind.FEE, D("2024-10-10"), D("2024-10-09")),)}, "早于开始日期"),
        ({"correction": Correction(requested=D("2024-09-26"))}, "早于收到申请日期"),
        (
            {"correction": Correction(requested=D("2024-10-09"), received=D("2024-10-08"))},
            "收到补正日期",
        ),
        ({"correction": Correction()}, "缺少日期"),
        (
            {
                "pauses": (
                    Pause(PauseKind.AGENCY, D("2024-10-08")),
                    Pause(PauseKind.FEE, D("2024-10-20"), D("2024-10-21")),
                )
            },
            "尚未结束",
        ),
    ],
)
def test_it_rejects_an_impossible_history(history, message):
    with pytest.raises(CaseHistoryError, match=message):
        CaseHistory(D("2024-09-27"), **history)


def test_it_stops_at_the_last_day_the_known_notices_decide():
    # 2026-12-01=1 … counting back from the 20th: 11-30 receipt → 12-28 is day 20;
    # receipt 12-01 would need 12-29, which the (unknown) 2027 notice could change.
    assert due("2026-11-30") == D("2026-12-28")
    with pytest.raises(UnknownYearError, match="^2027年节假日安排尚未录入"):
        due("2026-12-01")


def test_it_uses_an_authored_table_for_2027():
    # 12-16..18=1..3, 21..25=4..8, 28..31=9..12, 2027-01-01..03 off (invented), 04..08=13..17,
    # 01-09 Sat (invented make-up)=18, 11=19, 12=20.
    cal = WorkingCalendar(StaticHolidayTable([INVENTED_2027]))
    result = compute_deadline(CaseHistory(D("2026-12-15")), cal)
    assert result.due == D("2027-01-12")
    assert "2027-01-01至01-03元旦假期不计入" in result.explanation
    assert "节假日依据：测试用虚构的2027年节假日安排（非真实通知）" in result.explanation


def test_it_counts_only_the_days_a_pause_from_the_day_of_receipt_really_saves():
    # Consultation sent the day the application arrived (Monday 2024-10-14) until Friday 10-18:
    # 10-14 itself never counts, so the pause saves 4 working days (15..18), not 5.
    # Clock: 21..25=1..5, 28..31=6..9, 11-01=10, 04..08=11..15, 11..15=16..20 → 2024-11-15.
    pause = Pause(PauseKind.THIRD_PARTY, D("2024-10-14"), D("2024-10-18"))
    result = compute_deadline(CaseHistory(D("2024-10-14"), pauses=(pause,)))
    assert result.due == D("2024-11-15")
    assert any("其中4个工作日" in s for s in result.explanation)

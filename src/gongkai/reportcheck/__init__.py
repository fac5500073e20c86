"""The public report checker: anyone uploads one published annual report (or pastes its text)
and sees what gongkai reads and every finding, with the same semantics as `gongkai check`."""

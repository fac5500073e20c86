"""Steps that cannot be undone ask for confirmation and say what they did.

签发 fixes the reply (the letter is issued, dated and numbered), 归档 closes the case: the panel
shows what is about to happen and a summary to check, the button says what it does and shows
that it is working, and the page after says what was done. Every other transition reports its
success too, in the generic form.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Confirmation:
    button: str  # the submit button's label
    busy: str  # its label while the step runs
    warning: str  # what cannot be undone
    summary: str  # template with what to check
    done: str  # the message on the next page


CONFIRMATIONS = {
    "sign_reply": Confirmation(
        "确认签发",
        "正在签发…",
        "签发后答复即作出：答复告知书按签发日期重新生成并编号，草稿作废，不能再修改。请先核对答复内容和告知书草稿。",
        "applications/staff/confirm_sign_reply.html",
        "已签发答复；答复告知书已按签发日期生成正式文本并编号，见下方“告知书”。",
    ),
    "archive": Confirmation(
        "确认归档",
        "正在归档…",
        "归档后本申请办理结束，不能再办理、生成告知书或上传材料（行政复议、行政诉讼仍可记录）。",
        "applications/staff/confirm_archive.html",
        "已归档。",
    ),
}


def done_message(action: str, label: str) -> str:
    found = CONFIRMATIONS.get(action)
    return found.done if found else f"已完成：{label}。"

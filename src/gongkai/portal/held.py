"""An identity document kept while the applicant corrects the rest of the form.

Browsers never refill a file input, so after a refused form (a wrong ID number, a missing
consent) the applicant would have to find the scan again. Instead a file that passed its own
checks is kept in the private storage under held/, tied to the session, and used when the form
is sent again without a new file. It is deleted when used or replaced, and every visit of the
form deletes those held longer than HOLD_SECONDS, so a document of someone who gives up does not
stay.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from gongkai.web.uploads import Checked, private_storage, reopen

SESSION_KEY = "portal_held_upload"
DIRECTORY = "held"
HOLD_SECONDS = 3600


@dataclass(frozen=True)
class Held:
    stored: str
    original_name: str
    size: int

    def note(self) -> str:
        kb = max(1, round(self.size / 1024))
        return f"已保留您上次选择的文件“{self.original_name}”（{kb} KB），无需重新选择；如需更换，请选择新文件。"


def hold(request, checked: Checked) -> Held:
    release(request)
    storage = private_storage()
    checked.file.seek(0)
    stored = storage.save(f"{DIRECTORY}/{checked.stored_name()}", checked.file)
    request.session[SESSION_KEY] = {
        "stored": stored,
        "name": checked.original_name,
        "size": checked.size,
        "at": time.time(),
    }
    return Held(stored, checked.original_name, checked.size)


def held(request) -> Held | None:
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    if time.time() - data["at"] > HOLD_SECONDS or not private_storage().exists(data["stored"]):
        release(request)
        return None
    return Held(data["stored"], data["name"], data["size"])


def take(kept: Held) -> Checked:
    """The held file as a checked upload, for saving with the application (then release it)."""
    return reopen(private_storage(), kept.stored, kept.original_name)


def release(request) -> None:
    data = request.session.pop(SESSION_KEY, None)
    if data:
        private_storage().delete(data["stored"])


def sweep(now: float | None = None) -> int:
    """Delete held files older than HOLD_SECONDS; returns how many."""
    storage = private_storage()
    try:
        names = storage.listdir(DIRECTORY)[1]
    except FileNotFoundError:  # nothing held yet (an object store has no directories to test)
        return 0
    now = time.time() if now is None else now
    removed = 0
    for name in names:
        path = f"{DIRECTORY}/{name}"
        try:
            if now - storage.get_modified_time(path).timestamp() > HOLD_SECONDS:
                storage.delete(path)
                removed += 1
        except FileNotFoundError:  # used or swept by a request at the same moment
            continue
    return removed

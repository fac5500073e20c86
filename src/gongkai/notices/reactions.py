"""The reply follows the case: drafted when a decision awaits signing, issued when it is signed.

Connected in NoticesConfig.ready to the application's event log (post_save of ApplicationEvent),
so the workflow services need not know about letters; it runs inside the transition's
transaction, so a signed reply and its letter are stored together or not at all. It appends no
event of its own: the transition's event is the record of the step (one event per transition).
"""

from __future__ import annotations

from gongkai.applications.choices import EventKind

from .kinds import LetterKind

# Events after which the application is 已拟办待签发 (a draft reply is due) or signed.
DRAFTING = frozenset({EventKind.DECIDED, EventKind.CORRECTION_LAPSED, EventKind.FEE_LAPSED})
SIGNING = frozenset({EventKind.REPLY_SIGNED})


def on_event(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.kind not in DRAFTING | SIGNING or instance.actor_id is None:
        return
    from .services import issue

    issue(instance.application, actor=instance.actor, kind=LetterKind.REPLY, log=False)

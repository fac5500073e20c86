"""Two staff doing the same transition at once: the row lock lets exactly one through."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from gongkai.applications import services
from gongkai.applications.choices import State


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks; run with DATABASE_URL"
)
def test_it_lets_only_one_of_two_simultaneous_decisions_through(transactional_db, world):
    app = world.application(State.IN_REVIEW)
    barrier = threading.Barrier(2)
    results = []

    def decide(outcome):
        from django.db import connections

        try:
            barrier.wait()
            services.decide(
                app, actor=world.handler, outcome=outcome, reason="r", on=dt.date(2025, 3, 20)
            )
            results.append("ok")
        except services.WrongState:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(o,)) for o in ("granted", "unable.not_held")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    app.refresh_from_db()
    assert app.events.filter(kind="decided").count() == 1

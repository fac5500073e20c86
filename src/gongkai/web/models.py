"""Tables the running system needs beside the domain: the rate-limit counters (shared by every
server process and machine through the database)."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """Hits of one subject (a hashed address, tracking code or account) in one fixed window."""

    subject = models.CharField(max_length=80)  # scope and hashed subject
    window_start = models.BigIntegerField()  # Unix time the window began
    expires = models.BigIntegerField(db_index=True)  # Unix time after which the row is dead
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "window_start"], name="one_counter_per_window"
            )
        ]

"""Tables the running system needs beside the domain: the rate-limit counters (shared by every
server process and machine through the database); and the base of the append-only event tables
(gongkai.web.appendonly)."""

from __future__ import annotations

from django.db import models

from .appendonly import PROTECTED


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


class AppendOnlyError(Exception):
    """A change or deletion of an append-only row, refused before it reaches the database."""


def _refusal(model) -> AppendOnlyError:
    return AppendOnlyError(PROTECTED[model._meta.db_table])


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise _refusal(self.model)

    def delete(self):
        raise _refusal(self.model)


class AppendOnlyModel(models.Model):
    """Rows added, never changed or deleted (its table must be in PROTECTED, with the trigger
    created by protect() in the app's migration)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None or self._state.adding is False:
            raise _refusal(type(self))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _refusal(type(self))

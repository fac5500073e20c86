"""Many items at once (the XLSX import, the demo, the benchmark): 索引号 taken per agency and year
in one step each, due dates from one calendar, one INSERT per batch for the items and one for
their events. Callers validate first (services.problems); this only stores."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction

from gongkai.holidays.table import working_calendar

from . import ontime
from .models import Item, ItemEvent
from .numbering import take_index_nos

BATCH = 2000


def bulk_add(
    items: Sequence[Item], *, kind: str, actor=None, note: str = "", batch_size: int = BATCH
) -> list[Item]:
    """Store new items (index numbers and due dates filled in) and one `kind` event each."""
    calendar = working_calendar()
    with transaction.atomic():
        groups: dict[tuple[int, int], list[Item]] = defaultdict(list)
        for item in items:
            if not item.index_no:  # an imported 全清单 may bring its own (kept: links cite them)
                groups[(item.agency_id, item.formed_on.year)].append(item)
            if actor is not None and getattr(actor, "pk", None) and item.created_by_id is None:
                item.created_by = actor
            ontime.set_due(item, calendar)
        agencies = {i.agency_id: i.agency for i in items}
        for (agency_id, year), members in groups.items():
            for item, number in zip(
                members, take_index_nos(agencies[agency_id], year, len(members)), strict=True
            ):
                item.index_no = number
        created = Item.objects.bulk_create(items, batch_size=batch_size)
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        ItemEvent.objects.bulk_create(
            (
                ItemEvent(
                    item_id=i.pk,
                    actor_id=actor_id,
                    kind=kind,
                    after={
                        "index_no": i.index_no,
                        "title": i.title,
                        **({"note": note} if note else {}),
                    },
                )
                for i in created
            ),
            batch_size=batch_size,
        )
    return created

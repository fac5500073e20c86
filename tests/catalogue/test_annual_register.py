"""表二 第二十条第（一）项 is counted from the catalogue (one register): compared with counts made
directly over the items, for random registers, both report formats."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from gongkai.annualreports.compute import compute_tables
from gongkai.annualreports.models import Scope
from gongkai.catalogue.bulk import bulk_add
from gongkai.catalogue.models import Item


def _random_register(world, rng: random.Random) -> list[Item]:
    items = []
    for n in range(120):
        formed = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 8 * 365))
        repealed = (
            formed + dt.timedelta(days=rng.randrange(1, 1500)) if rng.random() < 0.3 else None
        )
        kind = rng.choice(["regulations", "normative_documents", ""])  # "": not in the register
        published = None if rng.random() < 0.2 else formed + dt.timedelta(days=rng.randrange(0, 40))
        items.append(
            Item(
                agency=rng.choice([world.office_a, world.office_b]),
                title=f"文件{n}",
                formed_on=formed,
                published_on=published,
                register_kind=kind,
                validity=rng.choice(["repealed", "expired"]) if repealed else "valid",
                validity_on=repealed,
                review=rng.choice(["approved", "pending"]),
            )
        )
    return bulk_add(items, kind="imported")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_counts_table_two_from_the_catalogue_as_direct_counts_do(world, seed):
    items = _random_register(world, random.Random(seed))
    for year in (2020, 2022, 2023, 2024, 2025):
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        t2 = compute_tables(world.district, Scope.TREE, year).t2["art20_1"]
        for kind in ("regulations", "normative_documents"):
            mine = [i for i in items if i.register_kind == kind]
            issued = sum(start <= i.formed_on <= end for i in mine)
            if year >= 2021:  # the 2021 format
                repealed = sum(
                    i.validity_on is not None and start <= i.validity_on <= end for i in mine
                )
                valid = sum(
                    i.formed_on <= end and (i.validity_on is None or i.validity_on > end)
                    for i in mine
                )
                assert t2[kind] == {
                    "issued_this_year": issued,
                    "repealed_this_year": repealed,
                    "currently_valid": valid,
                }
            else:  # 2019 试行: 本年新制作 / 本年新公开 / 对外公开总数量
                published = [i.published_on or i.formed_on for i in mine]
                assert t2[kind] == {
                    "newly_made": issued,
                    "newly_published": sum(start <= d <= end for d in published),
                    "total_published": sum(d <= end for d in published),
                }

"""信息处理费 under 国办函〔2020〕109号: worked examples and every tier boundary, computed by hand."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.deadlines import FeeError, FeeMethod, information_fee, per_item_fee, per_volume_fee


def test_it_prices_35_items_in_one_month():
    # 1–10 free, 11–30: 20×100 = 2000, 31–35: 5×200 = 1000 → 3000.
    fee = per_item_fee(35)
    assert fee.amount == 3000
    assert [(t.first, t.last, t.rate, t.amount) for t in fee.tiers] == [
        (1, 10, 0, 0),
        (11, 30, 100, 2000),
        (31, 35, 200, 1000),
    ]
    assert fee.lines() == [
        "第1—10件：10件，不收费",
        "第11—30件：20件×100元/件=2000元",
        "第31—35件：5件×200元/件=1000元",
        "合计：3000元（按件计收，国办函〔2020〕109号）",
    ]


def test_it_prices_150_pages():
    # 1–30 free, 31–100: 70×10 = 700, 101–150: 50×20 = 1000 → 1700.
    fee = per_volume_fee(150)
    assert fee.amount == 1700
    assert fee.lines()[1:3] == [
        "第31—100页：70页×10元/页=700元",
        "第101—150页：50页×20元/页=1000元",
    ]


@pytest.mark.parametrize(
    ("items", "amount"),
    [
        (0, 0),
        (10, 0),
        (11, 100),
        (30, 2000),  # 20×100
        (31, 2200),  # 2000 + 1×200
        (40, 4000),  # 2000 + 10×200
        (41, 4300),  # 4000 + 1×300 (UNVERIFIED reading of 第四条（三）)
        (51, 7400),  # 4000 + 10×300 + 1×400
    ],
)
def test_it_prices_items_at_each_boundary(items, amount):
    assert per_item_fee(items).amount == amount


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2700),
        (201, 2740),
        (1000, 2700 + 800 * 40),
    ],
)
def test_it_prices_pages_at_each_boundary(pages, amount):
    assert per_volume_fee(pages).amount == amount


def test_it_prices_items_on_top_of_the_applicants_earlier_items_this_month():
    # Items 29–33 of the month: 29, 30 at 100; 31, 32, 33 at 200 → 800.
    fee = per_item_fee(5, already_this_month=28)
    assert fee.amount == 800 and fee.quantity == 5
    assert fee.lines()[:2] == ["第29—30件：2件×100元/件=200元", "第31—33件：3件×200元/件=600元"]


@given(st.integers(0, 300), st.integers(0, 300))
def test_it_charges_a_month_the_same_however_it_is_split(before, now):
    assert (
        per_item_fee(before).amount + per_item_fee(now, before).amount
        == per_item_fee(before + now).amount
    )


def test_it_charges_by_exactly_one_method():
    assert information_fee(FeeMethod.PER_ITEM, 35).method is FeeMethod.PER_ITEM
    assert information_fee(FeeMethod.PER_VOLUME, 150).amount == 1700
    with pytest.raises(FeeError, match="按量计收"):
        information_fee(FeeMethod.PER_VOLUME, 150, already_this_month=3)


def test_it_rejects_negative_quantities():
    with pytest.raises(FeeError):
        per_item_fee(-1)
    with pytest.raises(FeeError):
        per_volume_fee(-5)


def test_it_gives_a_json_ready_breakdown():
    data = per_volume_fee(31).to_dict()
    assert data["method"] == "按量计收" and data["amount"] == 10
    assert data["tiers"][-1] == {"first": 31, "last": 31, "rate": 10, "count": 1, "amount": 10}
    assert data["lines"][1] == "第31页：1页×10元/页=10元"

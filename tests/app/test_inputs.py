"""Headline slider labels are also URL tokens: they must read back to the exact value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.model.errors import ScenarioError
from ui.tokens import CADENCES, EXAMPLE_STEPS, QUERY_STEPS, label, parse_token


@given(st.floats(min_value=10, max_value=10_000_000, allow_nan=False))
def test_a_queries_label_reads_back_to_the_same_volume(volume):
    assert parse_token("queries_per_day", label("queries_per_day", volume)) == volume


@given(st.integers(min_value=0, max_value=100_000))
def test_a_labelled_examples_label_reads_back_to_the_same_count(count):
    assert parse_token("labeled_examples", label("labeled_examples", count)) == count


@given(st.floats(min_value=0, max_value=60, allow_nan=False))
def test_an_update_cadence_label_reads_back_to_the_same_cadence(cadence):
    assert parse_token("updates_per_month", label("updates_per_month", cadence)) == cadence


@pytest.mark.parametrize(
    ("name", "grid"),
    [
        ("queries_per_day", QUERY_STEPS),
        ("labeled_examples", EXAMPLE_STEPS),
        ("updates_per_month", tuple(CADENCES)),
    ],
)
def test_the_slider_labels_are_short_and_distinct(name, grid):
    labels = [label(name, v) for v in grid]
    assert len(set(labels)) == len(labels)
    assert max(map(len, labels)) <= 9


@pytest.mark.parametrize(
    ("name", "token", "value"),
    [
        ("queries_per_day", "10k/day", 10_000),
        ("queries_per_day", "2.5M", 2_500_000),
        ("queries_per_day", "76.667k/day", 76_667),
        ("labeled_examples", "20000", 20_000),
        ("labeled_examples", "20,000", 20_000),
        ("updates_per_month", "Weekly", 4),
        ("updates_per_month", "quarterly", 1 / 3),
        ("horizon_months", "24", 24),
    ],
)
def test_a_url_token_may_be_a_label_or_a_plain_number(name, token, value):
    assert parse_token(name, token) == value


@pytest.mark.parametrize(
    ("value", "shown"),
    [(76_667, "76,667/day"), (10_000, "10k/day"), (1_500_000, "1.5M/day"), (250, "250/day")],
)
def test_a_volume_label_says_k_or_m_only_where_one_decimal_is_exact(value, shown):
    # Klarna's 76,667 a day read "76.667k/day" before: k with three decimals
    assert label("queries_per_day", value) == shown and parse_token("queries_per_day", shown) == value


@pytest.mark.parametrize("token", ["", "abc", "nan", "inf", "-inf", "1e999", "10kk", "1/0"])
def test_a_token_that_is_not_a_number_is_refused_with_the_allowed_range(token):
    with pytest.raises(ScenarioError, match="from 10 to 10,000,000"):
        parse_token("queries_per_day", token)

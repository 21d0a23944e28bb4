"""Numbers for people: one set of rules for money, counts, months, shares, CSV cells and log ticks."""

from __future__ import annotations

import doctest

import pytest

from core.model import formats


def test_the_module_examples_hold():
    assert doctest.testmod(formats).failed == 0


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "$0"), (0.0002, "$0.0002"), (0.0049, "$0.0049"), (0.01, "$0.01"), (0.2, "$0.20"), (9.5, "$9.50"),
        (9.994, "$9.99"), (1, "$1"), (10, "$10"), (1200, "$1,200"), (999_999, "$999,999"), (1_000_000, "$1M"),
        (1_234_567, "$1.2M"), (3.4e9, "$3.4B"), (-1200, "-$1,200"), (float("nan"), "–"),
    ],
)  # fmt: skip
def test_dollars_have_cents_under_ten_whole_dollars_to_a_million_then_m_and_b(value, shown):
    assert formats.usd(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [(1, "1 month"), (0, "0 months"), (12, "12 months"), (1.5, "1.5 months")]
)
def test_months_are_pluralised_except_for_one(value, shown):
    assert formats.months(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [(76_666.67, "76,667 per day"), (10_000, "10,000 per day"), (0.5, "0.5 per day")]
)
def test_a_daily_rate_has_thousands_separators(value, shown):
    assert formats.per_day(value) == shown


@pytest.mark.parametrize(("share", "shown"), [(0.05, "5%"), (0.925, "92.5%"), (1, "100%"), (0.0, "0%")])
def test_shares_read_as_percentages(share, shown):
    assert formats.percent(share) == shown


@pytest.mark.parametrize(
    ("column", "value", "written"),
    [
        ("horizon_cost_usd", 36924.547999999995, 36924.55), ("cost_per_query_usd", 0.00312494, 0.003125),
        ("latency_ms", 1234.5678, 1234.6), ("expected_accuracy", 0.7512345, 0.7512),
        ("queries_per_day", 76666.66666666667, 76666.66666666667), ("strategy", "rag", "rag"),
        ("vector_search_cost_per_query_usd", 0.00012345, 0.00012345), ("horizon_cost_usd_rag", 1.2345, 1.23),
    ],
)  # fmt: skip
def test_csv_result_cells_are_rounded_and_inputs_are_not(column, value, written):
    assert formats.csv_round(column, value) == written


@pytest.mark.parametrize(
    ("lo", "hi", "ticks"),
    [
        (10, 1000, [10, 20, 50, 100, 200, 500, 1000]),
        (10, 1e7, [10, 100, 1e3, 1e4, 1e5, 1e6, 1e7]),
        (0.01, 1e9, [0.01, 1, 100, 1e4, 1e6, 1e8]),
        (0, 10, []),
    ],
)
def test_log_ticks_are_1_2_5_when_they_fit_else_decades(lo, hi, ticks):
    assert formats.log_ticks(lo, hi) == pytest.approx(ticks)


def test_an_exported_results_csv_has_no_long_decimals_and_reads_back_the_same_scenario():
    import csv
    import io
    import re

    from core.engine.analysis import analyse
    from core.io.csv_files import parse_csv, results_csv
    from core.io.presets import preset

    scenario = preset("klarna").scenario
    text = results_csv(analyse(scenario).export_rows())
    header, *rows = list(csv.reader(io.StringIO(text)))
    long = [
        (h, c) for row in rows for h, c in zip(header, row, strict=True) if re.fullmatch(r"-?\d+\.\d{7,}", c)
    ]
    assert long == []
    assert parse_csv(text) == scenario


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0.0139, "$0.014"), (0.02243, "$0.022"), (0.008212, "$0.0082"), (0.5, "$0.50"), (2.5, "$2.50")],
)
def test_a_price_per_query_keeps_two_significant_digits_so_close_prices_stay_apart(value, shown):
    assert formats.usd_unit(value) == shown

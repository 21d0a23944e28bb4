"""core.io.training_prices: the dated fine-tuning price table, validated row by row."""

import pytest

from core.analyses.ranges import SPREADS
from core.io.training_prices import TRAINING_TABLE, read_table, training_row, training_table
from core.model.errors import ScenarioError

HEADER = (
    "provider,model,params_min_b,params_max_b,training_price_per_mtok_usd,training_price_per_run_usd,"
    "fine_tuned_input_price_per_mtok_usd,fine_tuned_output_price_per_mtok_usd,hosting,"
    "hosting_usd_per_hour,as_of,source"
)
GOOD = "acme,big-1,,,2.0,,,,per_hour,4.5,2026-01-02,Acme Pricing page (acme.example/pricing)"


def test_the_shipped_table_reads_and_every_row_is_dated_and_sourced():
    rows = training_table()
    assert len(rows) >= 8
    assert all(r.as_of.year >= 2025 and r.source for r in rows)
    assert TRAINING_TABLE.read_text(encoding="utf-8").startswith("#")  # units stated once, on top


def test_a_good_row_reads():
    (row,) = read_table(f"{HEADER}\n{GOOD}")
    assert (row.provider, row.training_price_per_mtok_usd, row.hosting_usd_per_hour) == ("acme", 2.0, 4.5)


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("acme,big-1,,,,,,,per_hour,,2026-01-02,Acme pricing page", "training price"),
        ("acme,big-1,,,2,,,,hosted,,2026-01-02,Acme pricing page", "hosting"),
        ("acme,big-1,,,-2,,,,per_hour,,2026-01-02,Acme pricing page", "training_price_per_mtok_usd"),
        ("acme,big-1,,,2,,,,per_hour,,someday,Acme pricing page", "as_of"),
        ("acme,big-1,8,,2,,,,per_hour,,2026-01-02,Acme pricing page", "size class"),
    ],
    ids=["no-price", "bad-hosting", "negative", "no-date", "half-size-class"],
)
def test_a_bad_row_is_refused_naming_the_row_and_the_field(row, says):
    with pytest.raises(ScenarioError, match="row 2") as raised:
        read_table(f"{HEADER}\n{row}")
    assert says in str(raised.value)


def test_an_unknown_column_is_refused():
    with pytest.raises(ScenarioError, match="colour"):
        read_table(f"{HEADER},colour\n{GOOD},red")


@pytest.mark.parametrize(
    ("model", "size_class"),
    [
        ("llama-v3p1-8b-instruct", "size:up to 16B"),
        ("gemma-3-27b-it", "size:16.1B - 80B"),
        ("gpt-oss-120b", None),
    ],
)
def test_a_fireworks_model_takes_the_row_of_its_size_class(model, size_class):
    row = training_row("fireworks", model)
    assert (row.model if row else None) == size_class


def test_a_model_of_its_own_row_wins_over_any_size_class_and_other_providers_get_none():
    assert training_row("openai", "gpt-4o").training_price_per_mtok_usd == 25.0
    assert training_row("anthropic", "claude-opus-4-5") is None


def test_the_sensitivity_range_of_the_training_price_spans_the_table():
    prices = [r.training_price_per_mtok_usd for r in training_table() if r.training_price_per_mtok_usd]
    spread = SPREADS["training_price_per_mtok_usd"]
    assert (spread.low, spread.high) == (min(prices), max(prices))

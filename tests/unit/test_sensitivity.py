"""core.analyses.sensitivity: tornado ranking and ranges, flips and break-evens on both sides."""

import math

import numpy as np
import pandas as pd
import pytest

from core.analyses.ranges import SPREADS, check_ranges, default_ranges
from core.analyses.sensitivity import break_evens, tornado
from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.errors import ScenarioError
from core.model.fields import HEADLINE, bounds
from core.model.sources import ids

PRESETS = sorted(presets())


def winner(scenario, **changes):
    return analyse(scenario.updated(changes)).recommendation.verdict


def cost(scenario, strategy, **changes):
    table = analyse(scenario.updated(changes)).strategies.set_index("strategy")
    return table.loc[strategy, "horizon_cost_usd"]


@pytest.mark.parametrize("preset_id", PRESETS)
def test_tornado_inputs_are_ranked_by_swing_largest_first(preset_id):
    inputs, bars = tornado(presets()[preset_id].scenario)
    assert list(inputs["swing_usd"]) == sorted(inputs["swing_usd"], reverse=True)
    assert inputs["swing_usd"].iloc[0] > 0
    assert list(dict.fromkeys(bars["input"])) == list(inputs["input"])


@pytest.mark.parametrize("preset_id", PRESETS)
def test_tornado_ranges_lie_in_the_field_bounds_and_hold_the_scenario_value(preset_id):
    inputs, _ = tornado(presets()[preset_id].scenario)
    for row in inputs.itertuples():
        lo, hi = bounds(row.input)
        assert lo <= row.low <= row.value <= row.high <= hi, row.input


def test_swing_is_the_largest_cost_change_among_feasible_strategies():
    scenario = presets()["klarna"].scenario
    inputs, _ = tornado(scenario)
    row = inputs.set_index("input").loc["queries_per_day"]
    feasible = analyse(scenario).strategies.query("feasible")["strategy"]
    expected = max(
        abs(cost(scenario, s, queries_per_day=row.high) - cost(scenario, s, queries_per_day=row.low))
        for s in feasible
    )
    assert row.swing_usd == pytest.approx(expected)


def test_tornado_bars_give_each_strategys_cost_at_both_ends_of_the_range():
    scenario = presets()["klarna"].scenario
    inputs, bars = tornado(scenario)
    low = inputs.set_index("input").loc["output_tokens", "low"]
    bar = bars[(bars["input"] == "output_tokens") & (bars["strategy"] == "fine_tune")].iloc[0]
    assert bar.cost_low_usd == pytest.approx(cost(scenario, "fine_tune", output_tokens=low))
    assert bar.delta_min_usd <= 0 <= bar.delta_max_usd


def test_a_tornado_flip_changes_the_winner_exactly_at_the_reported_value():
    # static knowledge, no gap: prompting and RAG both pass, cost decides
    scenario = presets()["support_10k_per_day"].scenario.updated(
        {"knowledge_gap": False, "updates_per_month": 0}
    )
    inputs, _ = tornado(scenario)
    row = inputs.set_index("input").loc["rag_generation_cost_per_query_usd"]
    assert row.flips_to == "prompt"
    just_inside = np.nextafter(row.flips_at, row.value)
    assert winner(scenario, rag_generation_cost_per_query_usd=row.flips_at) == "prompt"
    assert winner(scenario, rag_generation_cost_per_query_usd=just_inside) == "rag"
    assert row.low <= row.flips_at <= row.high


def test_inputs_that_never_flip_the_recommendation_report_no_flip():
    inputs, _ = tornado(presets()["klarna"].scenario)
    row = inputs.set_index("input").loc["vector_store_monthly_usd"]
    assert math.isnan(row.flips_at)


@pytest.mark.parametrize("preset_id", PRESETS)
def test_break_evens_agree_with_evaluations_on_both_sides(preset_id):
    scenario = presets()[preset_id].scenario
    found = break_evens(scenario).dropna(subset=["value"])
    for row in found.itertuples():
        assert row.winner_below != row.winner_above
        assert winner(scenario, **{row.input: row.below}) == row.winner_below
        assert winner(scenario, **{row.input: row.above}) == row.winner_above
        assert row.above - row.below <= max(1.0, abs(row.above)) * 1e-9 or row.above - row.below == 1


def test_break_evens_cover_every_headline_input_with_a_value_or_none_in_range():
    table = break_evens(presets()["medical_documentation"].scenario)
    assert set(table["input"]) == set(HEADLINE)
    none = table[table["value"].isna()]
    assert (none["winner_below"] == none["winner_above"]).all()
    assert (none["winner_below"] == "hybrid").all()


def test_labeled_examples_break_even_is_the_first_whole_number_with_enough_data_to_fine_tune_well():
    table = break_evens(presets()["medical_documentation"].scenario).set_index("input")
    row = table.loc["labeled_examples"]
    # "< 500 quality examples -> RAG (not enough data to fine-tune well)" (ScaledByDesign)
    assert (row.below, row.above) == (499, 500)
    assert (row.winner_below, row.winner_above) == ("rag", "hybrid")


def test_a_latency_budget_break_even_is_found_though_cost_does_not_depend_on_it():
    scenario = presets()["support_10k_per_day"].scenario
    table = break_evens(scenario, ("latency_budget_ms",))
    latency = analyse(scenario).strategies.set_index("strategy")["latency_ms"]
    assert list(table["value"].round(6)) == [latency["hybrid"], latency["rag"]]


def test_every_default_range_names_a_registered_source_or_an_assumption():
    for name, spread in SPREADS.items():
        assert ids(spread.source), name
        assert spread.low <= spread.high, name


@pytest.mark.parametrize(("low", "high", "ok"), [(10, 20, True), (9.99, 20, False), (10, 10_000_001, False)])
def test_ranges_outside_the_field_bounds_are_rejected(low, high, ok):
    ranges = pd.DataFrame([{"input": "queries_per_day", "low": low, "likely": 15, "high": high}])
    if ok:
        assert check_ranges(ranges)["low"].iloc[0] == low
    else:
        with pytest.raises(ScenarioError, match="queries_per_day"):
            check_ranges(ranges)


def test_a_range_that_excludes_its_likely_value_is_rejected():
    ranges = default_ranges(presets()["klarna"].scenario)
    ranges.loc[0, "likely"] = ranges.loc[0, "high"] + 1
    with pytest.raises(ScenarioError, match="low <= likely <= high"):
        check_ranges(ranges)

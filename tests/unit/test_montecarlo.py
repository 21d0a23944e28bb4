"""core.analyses.montecarlo: seeded, reproducible, and certain when every range has zero width."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analyses.montecarlo import (
    MAX_CACHED_SAMPLES,
    MAX_SAMPLES,
    beta_draws,
    pert,
    sample_accuracy,
    sample_inputs,
    simulate,
)
from core.analyses.ranges import default_ranges, is_int
from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.errors import ScenarioError
from core.model.fields import FIELDS
from core.model.strategies import STRATEGIES, VERDICTS

PRESETS = sorted(presets())


def zero_width(scenario):
    ranges = default_ranges(scenario, uncertain_only=True)
    ranges["low"] = ranges["high"] = ranges["likely"]
    return ranges


@pytest.mark.parametrize("preset_id", PRESETS)
def test_zero_width_ranges_give_the_deterministic_recommendation_with_probability_1(preset_id):
    scenario = presets()[preset_id].scenario
    result = simulate(scenario, zero_width(scenario), samples=10_000, seed=1)
    expected = analyse(scenario)
    assert result.probability()[expected.recommendation.strategy] == 1.0
    summary = result.summary().set_index("strategy")
    for row in expected.strategies.itertuples():
        assert summary.loc[row.strategy, "p10"] == pytest.approx(row.horizon_cost_usd)
        assert summary.loc[row.strategy, "p90"] == pytest.approx(row.horizon_cost_usd)


def test_the_same_seed_gives_the_same_result_and_another_seed_does_not():
    scenario = presets()["support_10k_per_day"].scenario
    first, again = simulate(scenario, seed=42), simulate(scenario, seed=42)
    other = simulate(scenario, seed=43)
    assert first.to_dict() == again.to_dict()
    assert first.to_dict()["horizon_cost_usd"] != other.to_dict()["horizon_cost_usd"]


def test_editing_one_range_leaves_the_other_inputs_draws_as_they_were():
    ranges = default_ranges(presets()["klarna"].scenario, uncertain_only=True)
    before = sample_inputs(ranges, 500, seed=3)
    ranges.loc[ranges["input"] == "queries_per_day", "high"] *= 1.5
    after = sample_inputs(ranges, 500, seed=3)
    assert not np.array_equal(before["queries_per_day"], after["queries_per_day"])
    assert np.array_equal(before["output_tokens"], after["output_tokens"])


@pytest.mark.parametrize("samples", [500, MAX_CACHED_SAMPLES + 1])  # kept draws, and fresh ones
@pytest.mark.parametrize("preset_id", PRESETS)
def test_draws_are_each_inputs_own_seeded_stream_exactly_and_cannot_be_changed(preset_id, samples):
    scenario = presets()[preset_id].scenario
    ranges = default_ranges(scenario, uncertain_only=True)
    drawn = sample_inputs(ranges, samples, seed=7)
    for name, low, likely, high in ranges[["input", "low", "likely", "high"]].itertuples(index=False):
        if high > low:  # PERT: a beta with shape weight 4 and its mode at likely, scaled to low..high
            a, b = 1 + 4 * (likely - low) / (high - low), 1 + 4 * (high - likely) / (high - low)
            stream = np.random.default_rng([7, list(FIELDS).index(name)])
            expected = low + (high - low) * stream.beta(a, b, samples)
            assert np.array_equal(drawn[name], np.round(expected) if is_int(name) else expected)
    again = sample_inputs(ranges, samples, seed=7)
    assert all(np.array_equal(drawn[k], again[k]) for k in drawn)
    flat = scenario.flat()
    for key, values in sample_accuracy(flat, samples, seed=7).items():
        total, correct = flat[key.replace("correct", "total")], flat[key]
        stream = np.random.default_rng([7, list(FIELDS).index(key)])
        assert np.array_equal(values, total * stream.beta(correct + 1, total - correct + 1, samples))
    kept = beta_draws(7, 0, 2.0, 3.0, samples)
    assert np.array_equal(kept, np.random.default_rng([7, 0]).beta(2.0, 3.0, samples))
    with pytest.raises(ValueError):
        kept[0] = 1.0  # a kept stream is shared: nobody may change it


def test_probabilities_sum_to_one_and_match_the_winners_counted():
    # static knowledge, no gap: prompting and RAG both pass, cost decides
    scenario = presets()["support_10k_per_day"].scenario.updated(
        {"knowledge_gap": False, "updates_per_month": 0}
    )
    result = simulate(scenario, samples=10_000, seed=0)
    prob = result.probability()
    assert sum(prob.values()) + result.no_strategy() == pytest.approx(1.0)
    assert 0 < prob["rag"] < 1 and 0 < prob["prompt"] < 1
    assert prob["prompt"] == np.mean(result.winner == STRATEGIES.index("prompt"))


def test_every_sample_is_evaluated_as_its_own_scenario_would_be():
    scenario = presets()["support_10k_per_day"].scenario
    ranges = default_ranges(scenario, uncertain_only=True)
    drawn = sample_inputs(ranges, 40, seed=5)
    result = simulate(scenario, ranges, samples=40, seed=5)
    for i in range(40):
        one = analyse(scenario.updated({name: float(v[i]) for name, v in drawn.items()}))
        assert VERDICTS[result.winner[i]] == one.recommendation.verdict
        assert result.horizon_cost_usd[i] == pytest.approx(one.strategies["horizon_cost_usd"].to_numpy())


def test_quantiles_of_each_strategys_cost_are_ordered():
    summary = simulate(presets()["klarna"].scenario, seed=9).summary()
    assert (summary["p10"] < summary["p25"]).all()
    assert (summary["p25"] <= summary["p50"]).all() and (summary["p50"] <= summary["p75"]).all()
    assert (summary["p75"] < summary["p90"]).all()


def test_whole_number_inputs_are_sampled_as_whole_numbers():
    ranges = default_ranges(presets()["klarna"].scenario, uncertain_only=True)
    drawn = sample_inputs(ranges, 1_000, seed=2)
    assert np.array_equal(drawn["labeled_examples"], np.round(drawn["labeled_examples"]))
    assert drawn["labeled_examples"].min() < drawn["labeled_examples"].max()


@settings(max_examples=50, deadline=None)
@given(
    low=st.floats(0, 1e6),
    width=st.floats(0, 1e6),
    mode=st.floats(0, 1),
    seed=st.integers(0, 2**32),
)
def test_pert_samples_stay_in_range(low, width, mode, seed):
    high = low + width
    likely = min(max(low + mode * width, low), high)
    values = pert(low, likely, high, 200, seed, 0)
    assert values.min() >= low and values.max() <= high


def test_pert_samples_centre_on_the_three_point_mean():
    values = pert(0.0, 2.0, 10.0, 200_000, 0, 0)
    assert values.mean() == pytest.approx((0 + 4 * 2 + 10) / 6, rel=0.01)


@pytest.mark.parametrize(
    ("samples", "seed", "ok"),
    [
        (0, 0, False),
        (1, 0, True),
        (MAX_SAMPLES + 1, 0, False),
        (10, -1, False),
        (10, 0, True),
        (2.5, 0, False),
        (True, 0, False),
    ],
)
def test_sample_count_and_seed_are_checked_on_both_sides_of_their_limits(samples, seed, ok):
    scenario = presets()["klarna"].scenario
    if ok:
        assert simulate(scenario, samples=samples, seed=seed).samples == samples
    else:
        with pytest.raises(ScenarioError, match="samples|seed"):
            simulate(scenario, samples=samples, seed=seed)

"""core.engine costs: the seed cost table to the dollar, each component, retrains and the timeline."""

import numpy as np
import pytest

from core.engine.analysis import analyse, evaluate
from core.engine.columns import to_columns
from core.engine.costs import compute_costs
from core.engine.drivers import retrains_through
from core.io.presets import preset
from core.model.scenario import Scenario
from core.model.strategies import DAYS_PER_MONTH, STRATEGIES


def monthly(analysis, strategy):
    row = analysis.strategies.set_index("strategy").loc[strategy]
    return row["monthly_cost_usd"]


def test_the_seed_cost_table_is_reproduced_to_the_dollar():
    # The table's "$500 per run (monthly retrain)" is 12 runs a year: the first run (one-off
    # training) and 11 retrains that serve queries; spread over the 12 months, $500 a month.
    result = analyse(preset("support_10k_per_day").scenario)
    comp = result.components.set_index(["strategy", "component", "kind"])["usd"]
    for strategy, table in (("rag", 990), ("fine_tune", 1_700), ("hybrid", 1_790)):
        first_run = comp[strategy, "training", "one_off"] / 12
        assert round(monthly(result, strategy) + first_run) == table


def test_monthly_retraining_over_a_year_counts_twelve_runs_not_thirteen():
    result = analyse(preset("support_10k_per_day").scenario)
    timeline = result.timeline
    retrains = timeline[timeline.strategy == "fine_tune"].retrains.sum()
    assert 1 + retrains == 12
    assert timeline[(timeline.strategy == "fine_tune") & (timeline.month == 12)].retrains.item() == 0


@pytest.mark.parametrize("preset_id", ["support_10k_per_day", "fine_tuning_200k_mistake"])
def test_the_retrain_at_the_horizon_is_no_longer_paid(preset_id):
    s = preset(preset_id).scenario.updated({"deprecation_interval_months": 120})  # no migration
    run = analyse(s).evaluation.costs.run_cost_usd[0, 0]
    total = analyse(s).strategies.set_index("strategy").horizon_cost_usd["fine_tune"]
    longer = analyse(s.updated({"horizon_months": 13})).strategies.set_index("strategy")
    # one more month adds that month's running cost and the retrain that now serves it
    recurring = analyse(s).evaluation.costs.recurring_usd[0, 2]
    assert longer.horizon_cost_usd["fine_tune"] == pytest.approx(total + recurring + run)


def test_each_seed_table_line_is_its_own_component():
    comp = analyse(preset("support_10k_per_day").scenario).components
    usd = comp[comp.kind == "monthly"].set_index(["strategy", "component"])["usd"]
    assert usd["rag", "generation"] == pytest.approx(30 * 30)  # $30/day
    assert usd["rag", "retrieval"] == pytest.approx(3 * 30)  # $1 + $2 a day
    assert usd["fine_tune", "generation"] == pytest.approx(40 * 30)
    assert usd["fine_tune", "retraining"] == pytest.approx(11 * 500 / 12)
    assert usd["hybrid", "retraining"] == pytest.approx(11 * 500 / 12)


def test_token_generation_cost_is_tokens_times_prices():
    s = Scenario().updated(
        {
            "queries_per_day": 1_000,
            "system_prompt_tokens": 400,
            "few_shot_tokens": 600,
            "query_tokens": 100,
            "output_tokens": 200,
            "input_price_per_mtok_usd": 2.0,
            "output_price_per_mtok_usd": 8.0,
            "cache_read_price_per_mtok_usd": 0.0,  # none listed: every input token at the input price
        }
    )
    comp = analyse(s).components.set_index(["strategy", "component", "kind"])["usd"]
    per_query = (1_100 * 2.0 + 200 * 8.0) / 1e6
    assert comp["prompt", "generation", "monthly"] == pytest.approx(1_000 * DAYS_PER_MONTH * per_query)


def test_the_fine_tuned_prompt_is_shorter_so_fine_tuned_generation_uses_fewer_input_tokens():
    s = Scenario().updated(
        {"fine_tuned_input_price_per_mtok_usd": 0.15, "fine_tuned_output_price_per_mtok_usd": 0.6}
    )
    comp = analyse(s).components.set_index(["strategy", "component", "kind"])["usd"]
    assert comp["fine_tune", "generation", "monthly"] < comp["prompt", "generation", "monthly"]


@pytest.mark.parametrize(
    ("method", "expected"), [("api", 3.0 * 1_000 * 1_000 * 3 / 1e6), ("lora", 300), ("full", 35_000)]
)
def test_a_training_run_costs_by_method(method, expected):
    s = Scenario().updated({"training_method": method})
    one_off = analyse(s).components.set_index(["strategy", "component", "kind"])["usd"]
    assert one_off["fine_tune", "training", "one_off"] == pytest.approx(expected)
    assert one_off["rag", "training", "one_off"] == 0


def test_labelling_is_examples_times_cost_per_example_once():
    s = Scenario().updated({"labeled_examples": 4_000, "labeling_cost_per_example_usd": 2.5})
    comp = analyse(s).components.set_index(["strategy", "component", "kind"])["usd"]
    assert comp["hybrid", "labelling", "one_off"] == 10_000
    assert comp["prompt", "labelling", "one_off"] == 0


@pytest.mark.parametrize(
    ("rate", "months", "expected"), [(1, 12, 12), (1 / 3, 3, 1), (1 / 3, 2, 0), (0.25, 12, 3), (4, 1, 4)]
)
def test_retrains_through_counts_whole_retrains(rate, months, expected):
    assert retrains_through(np.array(rate), months) == expected


@pytest.mark.parametrize(
    ("rate", "horizon", "expected"),
    [
        (1, 12, 11),
        (1, 12.5, 12),
        (1 / 6, 12, 1),
        (1 / 6, 12.5, 2),
        (1 / 12, 12, 0),
        (0, 12, 0),
        (1 / 3, 3, 0),
    ],
)
def test_a_retrain_that_lands_at_the_horizon_serves_no_query_and_is_not_counted(rate, horizon, expected):
    assert retrains_through(np.array(rate), horizon, horizon) == expected


def test_a_daily_update_cadence_with_a_monthly_retrain_cap_leaves_fine_tune_stale_in_between():
    s = Scenario().updated(
        {"updates_per_month": 30, "max_retrains_per_month": 1, "training_turnaround_days": 3}
    )
    row = analyse(s).strategies.set_index("strategy")
    assert row.loc["fine_tune", "retrains_per_month"] == 1
    assert row.loc["fine_tune", "stale_days"] == pytest.approx(DAYS_PER_MONTH + 3)
    assert row.loc["rag", "stale_days"] == 0


def test_deprecation_forces_retrains_of_both_fine_tuned_strategies_even_with_static_knowledge():
    s = Scenario().updated({"updates_per_month": 0, "deprecation_interval_months": 6, "horizon_months": 12})
    row = analyse(s).strategies.set_index("strategy")
    assert row.loc["fine_tune", "retrains_per_month"] == pytest.approx(1 / 6)
    assert row.loc["hybrid", "retrains_per_month"] == pytest.approx(1 / 6)
    timeline = analyse(s).timeline
    steps = timeline[(timeline.strategy == "hybrid") & (timeline.retrains > 0)].month.tolist()
    assert steps == [6]  # the one at month 12 would serve no query


def test_the_timeline_ends_at_the_horizon_total_for_every_strategy():
    for p in ("support_10k_per_day", "insurance_claims", "medical_documentation"):
        result = analyse(preset(p).scenario)
        last = result.timeline.groupby("strategy").cumulative_cost_usd.last()
        totals = result.strategies.set_index("strategy").horizon_cost_usd
        for s in STRATEGIES:
            assert last[s] == pytest.approx(totals[s])


def test_month_zero_holds_exactly_the_one_off_costs():
    result = analyse(Scenario())
    first = result.timeline[result.timeline.month == 0].set_index("strategy").cumulative_cost_usd
    one_off = result.strategies.set_index("strategy").one_off_cost_usd
    assert first.to_dict() == pytest.approx(one_off.to_dict())


def test_retrieval_adds_its_latency_to_rag_and_hybrid_only():
    base = (
        analyse(Scenario().updated({"retrieval_latency_ms": 0})).strategies.set_index("strategy").latency_ms
    )
    slow = (
        analyse(Scenario().updated({"retrieval_latency_ms": 700})).strategies.set_index("strategy").latency_ms
    )
    assert (slow - base).to_dict() == pytest.approx({"prompt": 0, "rag": 700, "fine_tune": 0, "hybrid": 700})


def test_dedicated_hosting_replaces_per_token_fine_tuned_generation_with_gpu_hours():
    s = Scenario().updated({"dedicated_hosting": True, "gpu_hour_usd": 2.0, "gpus": 1})
    comp = analyse(s).components.set_index(["strategy", "component", "kind"])["usd"]
    assert comp["fine_tune", "generation", "monthly"] == 0
    assert comp["fine_tune", "hosting", "monthly"] == pytest.approx(2.0 * 24 * DAYS_PER_MONTH)
    assert comp["rag", "hosting", "monthly"] == 0


def test_wrong_answers_cost_queries_times_error_rate_times_cost_per_error():
    s = Scenario().updated({"cost_per_error_usd": 2.0, "queries_per_day": 1_000})
    result = analyse(s)
    comp = result.components.set_index(["strategy", "component", "kind"])["usd"]
    accuracy = result.strategies.set_index("strategy").expected_accuracy
    assert comp["rag", "errors", "monthly"] == pytest.approx(
        1_000 * DAYS_PER_MONTH * (1 - accuracy["rag"]) * 2.0
    )


def test_one_vectorised_call_equals_evaluating_each_scenario_alone():
    base = Scenario()
    volumes = np.array([10, 3_000, 250_000, 9_000_000])
    updates = np.array([0, 0.2, 4, 60])
    many = evaluate(to_columns(base.flat()) | {"queries_per_day": volumes, "updates_per_month": updates})
    for i, (q, u) in enumerate(zip(volumes, updates, strict=True)):
        one = analyse(base.updated({"queries_per_day": q, "updates_per_month": u}))
        costs = one.strategies.horizon_cost_usd.to_numpy()
        assert many.costs.horizon_cost_usd[i] == pytest.approx(costs)
        assert STRATEGIES[many.winner[i]] == one.recommendation.strategy


def test_at_each_break_even_volume_the_two_strategies_cost_the_same():
    result = analyse(preset("klarna").scenario)
    crossings = result.break_evens()
    assert len(crossings) > 0
    for row in crossings.itertuples():
        at = result.scenario.updated({"queries_per_day": row.queries_per_day})
        cost = compute_costs(to_columns(at.flat())).monthly_cost_usd[0]
        a, b = STRATEGIES.index(row.strategy_a), STRATEGIES.index(row.strategy_b)
        assert cost[a] == pytest.approx(cost[b], rel=1e-9)


def test_the_volume_curve_spans_the_slider_range_for_every_strategy():
    curve = analyse(Scenario()).volume_curve(points=11)
    assert curve.queries_per_day.min() == pytest.approx(10)
    assert curve.queries_per_day.max() == pytest.approx(10_000_000)
    assert set(curve.strategy) == set(STRATEGIES)


def test_varying_only_an_input_that_touches_no_cost_still_gives_one_row_per_scenario():
    budgets = np.array([100.0, 1_000.0, 10_000.0])
    ev = evaluate(to_columns(Scenario().flat()) | {"latency_budget_ms": budgets})
    assert ev.costs.horizon_cost_usd.shape == (3, 4)
    assert ev.feasible.shape == (3, 4)
    assert ev.winner.shape == (3,)
    assert not ev.feasible[0].any() and ev.feasible[2, STRATEGIES.index("rag")]

"""Properties over any valid scenario (hypothesis)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.engine.analysis import analyse, evaluate
from core.engine.columns import to_columns
from core.model.fields import BOOLEAN, CHOICES, FIELDS, NUMERIC, bounds
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES


def _value(name: str):
    if name in CHOICES:
        return st.sampled_from(CHOICES[name])
    if name in BOOLEAN:
        return st.booleans()
    lo, hi = bounds(name)
    if FIELDS[name][1].annotation is int:
        return st.integers(int(lo), int(hi))
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def _valid(changes: dict) -> dict:
    """Eval results count no more items right than items scored."""
    for s in STRATEGIES:
        changes[f"{s}_eval_correct"] = min(changes[f"{s}_eval_correct"], changes[f"{s}_eval_total"])
    return changes


scenarios = st.fixed_dictionaries({n: _value(n) for n in NUMERIC + BOOLEAN + list(CHOICES)}).map(
    lambda changes: Scenario().updated(_valid(changes))
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scenarios)
def test_no_valid_scenario_gives_a_nan_infinite_or_negative_cost(s):
    costs = evaluate(to_columns(s.flat())).costs
    for name in (
        "monthly_cost_usd",
        "one_off_cost_usd",
        "horizon_cost_usd",
        "cost_per_query_usd",
        "latency_ms",
        "stale_days",
    ):
        values = getattr(costs, name)
        assert np.all(np.isfinite(values)), name
        assert np.all(values >= 0), name
    assert np.all((costs.expected_accuracy >= 0) & (costs.expected_accuracy <= 1))


@SETTINGS
@given(scenarios, st.floats(10, 10_000_000), st.floats(10, 10_000_000))
def test_monthly_cost_never_falls_as_queries_per_day_rise(s, a, b):
    lo, hi = sorted((a, b))
    cols = to_columns(s.flat()) | {"queries_per_day": np.array([lo, hi])}
    monthly = evaluate(cols).costs.monthly_cost_usd
    assert np.all(monthly[1] >= monthly[0] - 1e-9 * np.abs(monthly[0]))


@SETTINGS
@given(scenarios, st.floats(0, 60), st.floats(0, 60))
def test_fine_tune_never_gets_cheaper_as_updates_per_month_rise(s, a, b):
    lo, hi = sorted((a, b))
    cols = to_columns(s.flat()) | {"updates_per_month": np.array([lo, hi])}
    horizon = evaluate(cols).costs.horizon_cost_usd[:, STRATEGIES.index("fine_tune")]
    assert horizon[1] >= horizon[0] - 1e-9 * horizon[0]


@SETTINGS
@given(scenarios, st.integers(0, 199))
def test_too_few_examples_never_recommends_fine_tune_or_hybrid(s, examples):
    s = s.updated({"labeled_examples": examples})
    assert analyse(s).recommendation.strategy in ("prompt", "rag")


@SETTINGS
@given(scenarios)
def test_a_latency_budget_below_retrieval_latency_fails_rag_and_hybrid(s):
    lo, _ = bounds("latency_budget_ms")
    s = s.updated(
        {"latency_budget_ms": lo, "retrieval_latency_ms": max(s.knowledge.retrieval_latency_ms, lo + 1)}
    )
    table = analyse(s).strategies.set_index("strategy")
    assert not table.loc["rag", "meets_latency_budget"]
    assert not table.loc["hybrid", "meets_latency_budget"]

"""core.analyses.decision_map: cells agree with single evaluations; axes, grid and counts."""

import numpy as np
import pytest

from core.analyses.decision_map import decision_map, map_axis
from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.errors import ScenarioError
from core.model.fields import NUMERIC, bounds

PRESETS = sorted(presets())


@pytest.mark.parametrize("preset_id", PRESETS)
def test_decision_map_cells_agree_with_single_evaluations_at_sampled_points(preset_id):
    scenario = presets()[preset_id].scenario
    cells = decision_map(scenario, "labeled_examples", "latency_budget_ms", 100).cells()
    for row in cells.sample(12, random_state=0).itertuples():
        alone = analyse(scenario.updated({"labeled_examples": row.x, "latency_budget_ms": row.y}))
        assert row.winner == alone.recommendation.verdict
        cost = alone.strategies.set_index("strategy")["horizon_cost_usd"]
        assert row.horizon_cost_usd_fine_tune == pytest.approx(cost["fine_tune"])


def test_the_default_map_is_queries_by_updates_on_a_log_volume_axis_of_100_by_100():
    result = decision_map(presets()["klarna"].scenario)
    assert (result.sweep.x.name, result.sweep.y.name) == ("queries_per_day", "updates_per_month")
    assert result.sweep.x.log and not result.sweep.y.log
    assert len(result.cells()) == 100 * 100
    assert sum(result.counts().values()) == 100 * 100


def test_cells_tile_the_axis_without_gaps_and_contain_their_own_point():
    cells = decision_map(presets()["klarna"].scenario, n=20).cells()
    assert ((cells.x_lo <= cells.x) & (cells.x <= cells.x_hi)).all()
    edges = np.unique(np.concatenate([cells.x_lo, cells.x_hi]))
    assert len(edges) == 21


def test_margin_is_the_runner_ups_extra_cost_in_percent_where_there_is_a_rival():
    scenario = presets()["support_10k_per_day"].scenario
    cells = decision_map(scenario, n=10).cells()
    row = cells[cells.winner == "rag"].iloc[0]
    assert row.margin_pct == pytest.approx((row.horizon_cost_usd_hybrid / row.horizon_cost_usd_rag - 1) * 100)


@pytest.mark.parametrize("name", NUMERIC)
def test_every_numeric_input_has_a_default_axis_inside_its_bounds(name):
    axis = map_axis(presets()["klarna"].scenario, name)
    lo, hi = bounds(name)
    assert lo <= axis.lo < axis.hi <= hi


def test_the_same_input_on_both_axes_is_an_error():
    with pytest.raises(ScenarioError, match="two different inputs"):
        decision_map(presets()["klarna"].scenario, "queries_per_day", "queries_per_day")

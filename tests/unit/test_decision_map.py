"""core.analyses.decision_map: cells agree with single evaluations; axes, grid and counts."""

from types import SimpleNamespace

import numpy as np
import pytest

import core
from core.analyses.decision_map import NOTHING, decision_map, default_axes, map_axis, winners
from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.errors import ScenarioError
from core.model.fields import NUMERIC, bounds
from core.model.rules import QUARTERLY

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
    assert result.sweep.x.log and result.sweep.y.log
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


@pytest.mark.parametrize("preset_id", PRESETS)
def test_the_default_axes_show_more_than_one_region_on_every_preset(preset_id):
    scenario = presets()[preset_id].scenario
    x, y = default_axes(scenario)
    counts = decision_map(scenario, x, y).counts()
    assert x != y and sum(n > 0 for n in counts.values()) > 1


def test_the_default_axes_prefer_inputs_along_which_one_strategy_gives_way_to_another():
    scenario = presets()["support_10k_per_day"].scenario
    counts = decision_map(scenario, *default_axes(scenario)).counts()
    assert counts["rag"] > 0 and counts["hybrid"] > 0


def test_the_cadence_axis_is_logarithmic_with_quarterly_well_inside_it():
    axis = map_axis(presets()["klarna"].scenario, "updates_per_month")
    assert axis.log and axis.lo > 0 and axis.hi == bounds("updates_per_month")[1]
    below = np.log(QUARTERLY / axis.lo) / np.log(axis.hi / axis.lo)
    assert 0.15 < below < 0.5  # on the old linear 0-60 axis it was 0.006: the bottom pixel


@pytest.mark.parametrize("name, log", [("latency_budget_ms", True), ("horizon_months", False),
                                       ("changed_fraction_per_update", False), ("queries_per_day", True)])  # fmt: skip
def test_an_axis_is_logarithmic_where_its_range_spans_two_decades_or_more(name, log):
    assert map_axis(presets()["klarna"].scenario, name).log is log


def test_a_cell_is_none_where_no_strategy_passes_or_the_engine_marks_no_winner():
    feasible = np.array([[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 1, 1], [0, 0, 0, 0]], dtype=bool)
    ev = SimpleNamespace(winner=np.array([1, 2, 3, -1]), feasible=feasible)
    assert list(winners(ev)) == [1, 4, 3, 4]


def test_cells_where_nothing_passes_are_counted_and_named_as_such():
    scenario = presets()["medical_documentation"].scenario
    result = decision_map(scenario, "latency_budget_ms", "labeled_examples", 40)
    cells = result.cells()
    fastest = core.analyse(scenario).strategies.latency_ms.min()  # under it no strategy fits the budget
    assert (cells.loc[cells.x < fastest, "winner"] == NOTHING).all()
    assert result.counts()[NOTHING] == (cells.winner == NOTHING).sum() > 0


@pytest.mark.parametrize("preset_id", PRESETS)
def test_each_regions_name_sits_on_a_cell_of_that_region(preset_id):
    scenario = presets()[preset_id].scenario
    result = decision_map(scenario, *default_axes(scenario), 50)
    cells = result.cells().set_index(["x", "y"])
    labels = result.region_labels()
    assert len(labels) >= 2
    for row in labels.itertuples():
        assert cells.loc[(row.x, row.y), "winner"] == row.region

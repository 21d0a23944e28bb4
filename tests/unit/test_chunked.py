"""core.engine.chunks: evaluating in chunks gives what one evaluation of every row gives (verdicts,
margins, horizon costs, bit for bit) for sweeps, decision maps and Monte Carlo, in bounded memory."""

import gc
import tracemalloc
from dataclasses import replace

import numpy as np
import pytest

from core.analyses import montecarlo
from core.analyses.decision_map import WINNERS, decision_map, winners
from core.analyses.sweep import MAX_CELLS, make_axis, sweep
from core.engine.analysis import evaluate
from core.engine.chunks import CHUNK_ROWS, decide, horizon_costs, row_count, split
from core.engine.columns import strategy_any, strategy_argmin, strategy_min, to_columns
from core.io.presets import presets
from core.model.fields import BOOLEAN, CHOICES, NUMERIC, bounds

PRESETS = sorted(presets())


def _random_columns(base, n, rng):
    """``base`` with every numeric, boolean and choice input drawn at random in its bounds."""
    cols = dict(base)
    for name in NUMERIC:
        lo, hi = bounds(name)
        lo = 0.0 if lo is None else lo
        hi = max(float(base[name][0]) * 4, lo + 10) if hi is None or hi == np.inf else hi
        cols[name] = np.round(lo + (hi - lo) * rng.random(n) ** 3, 3)
    for name in BOOLEAN:
        cols[name] = (rng.random(n) < 0.5).astype(float)
    for name in CHOICES:
        cols[name] = rng.integers(0, len(CHOICES[name]), n).astype(float)
    return cols


def _assert_same(decided, ev):
    assert np.array_equal(decided.verdict, ev.verdict)
    assert np.array_equal(decided.margin, ev.margin, equal_nan=True)
    if decided.horizon_cost_usd is not None:
        assert np.array_equal(decided.horizon_cost_usd, ev.costs.horizon_cost_usd, equal_nan=True)


@pytest.mark.parametrize("preset_id", PRESETS)
@pytest.mark.parametrize("size", [1, 7, 64, 1_000])
def test_chunks_of_any_size_give_every_verdict_margin_and_cost_of_one_evaluation(preset_id, size):
    base = to_columns(presets()[preset_id].scenario.flat())
    cols = _random_columns(base, 2_001, np.random.default_rng(PRESETS.index(preset_id)))
    ev = evaluate(cols)
    assert len(set(ev.verdict)) > 1  # the random inputs reach more than one verdict
    _assert_same(decide(split(cols, size), 2_001, keep_costs=True), ev)
    assert np.array_equal(horizon_costs(split(cols, size), 2_001), ev.costs.horizon_cost_usd, equal_nan=True)


@pytest.mark.parametrize("preset_id", PRESETS)
def test_a_sweep_across_chunk_boundaries_matches_one_evaluation_of_its_grid(preset_id):
    scenario = presets()[preset_id].scenario
    x = make_axis("queries_per_day", 10, 10_000_000, 301, log=True)
    y = make_axis("labeled_examples", 0, 100_000, 229, log=False)  # 68,929 cells: 3 chunks
    assert x.n * y.n > 2 * CHUNK_ROWS
    grid = sweep(scenario, x, y)
    xv, yv = np.meshgrid(x.values(), y.values(), indexing="xy")
    ev = evaluate(to_columns(scenario.flat()) | {x.name: xv.ravel(), y.name: yv.ravel()})
    assert np.array_equal(grid.x_values, xv.ravel()) and np.array_equal(grid.y_values, yv.ravel())
    assert np.array_equal(grid.verdict, ev.verdict)
    assert np.array_equal(grid.margin, ev.margin, equal_nan=True)
    assert np.array_equal(grid.horizon_cost_usd, ev.costs.horizon_cost_usd)
    assert list(grid.frame()["winner"]) == list(ev.verdict_names())
    evaluated_again = replace(grid, kept_costs=None)  # as a sweep over KEEP_COSTS_CELLS does
    assert np.array_equal(evaluated_again.horizon_cost_usd, ev.costs.horizon_cost_usd)


@pytest.mark.parametrize("preset_id", PRESETS)
def test_the_decision_map_names_the_winners_one_evaluation_names(preset_id):
    scenario = presets()[preset_id].scenario
    result = decision_map(scenario, "labeled_examples", "latency_budget_ms", 60)
    sw = result.sweep
    ev = evaluate(to_columns(scenario.flat()) | {sw.x.name: sw.x_values, sw.y.name: sw.y_values})
    cells = result.cells()
    assert list(cells["winner"]) == list(np.asarray(WINNERS)[winners(ev)])
    assert np.array_equal(cells["margin_pct"], ev.margin * 100, equal_nan=True)
    assert np.array_equal(cells["horizon_cost_usd_rag"], ev.costs.horizon_cost_usd[:, 1])


@pytest.mark.parametrize("preset_id", PRESETS)
def test_monte_carlo_in_chunks_matches_one_evaluation_of_the_same_samples(preset_id, monkeypatch):
    scenario = presets()[preset_id].scenario
    chunked = montecarlo.simulate(scenario, samples=5_000, seed=3)
    monkeypatch.setattr(montecarlo, "split", lambda cols: [cols])  # every sample in one evaluation
    whole = montecarlo.simulate(scenario, samples=5_000, seed=3)
    assert np.array_equal(chunked.winner, whole.winner)
    assert np.array_equal(chunked.horizon_cost_usd, whole.horizon_cost_usd)
    assert chunked.to_dict() == whole.to_dict()


def test_split_slices_long_columns_and_keeps_single_values_whole():
    cols = {"a": np.arange(10.0), "b": np.array([5.0])}
    parts = list(split(cols, 4))
    assert [len(p["a"]) for p in parts] == [4, 4, 2]
    assert all(p["b"] is cols["b"] for p in parts)
    assert row_count(cols) == 10 and row_count({"b": np.array([5.0])}) == 1


def test_decide_refuses_chunks_that_do_not_add_up_to_the_rows_announced():
    cols = to_columns(presets()[PRESETS[0]].scenario.flat()) | {"queries_per_day": np.full(5, 100.0)}
    with pytest.raises(ValueError, match="5 rows, expected 6"):
        decide(split(cols, 2), 6)


def test_reductions_over_strategies_match_numpys_including_ties_infinities_and_nans():
    rng = np.random.default_rng(0)
    values = rng.integers(0, 3, (4, 4_000)).astype(float)
    values[rng.random(values.shape) < 0.1] = np.inf
    values[rng.random(values.shape) < 0.1] = np.nan
    assert np.array_equal(strategy_argmin(values), np.argmin(values, axis=0))
    assert np.array_equal(strategy_min(values), values.min(axis=0), equal_nan=True)
    flags = rng.random((4, 4_000)) < 0.2
    assert np.array_equal(strategy_any(flags), flags.any(axis=0))
    assert np.array_equal(strategy_any(flags[:, ::-1]), flags[:, ::-1].any(axis=0))  # a strided view


def test_the_engine_hands_out_every_figure_as_n_by_4():
    cols = to_columns(presets()[PRESETS[0]].scenario.flat()) | {"queries_per_day": np.geomspace(10, 1e7, 5)}
    ev = evaluate(cols)
    figures = [ev.costs.horizon_cost_usd, ev.costs.stale_days, ev.costs.accuracy_low, ev.feasible, ev.tiers]
    figures += [*ev.costs.monthly.values(), *ev.blocked.values()]
    assert {f.shape for f in figures} == {(5, 4)}
    assert ev.costs.run_cost_usd.shape == (5, 1) and ev.verdict.shape == (5,)


def test_a_sweep_of_two_million_cells_peaks_under_60_mb():
    scenario = presets()["support_10k_per_day"].scenario
    x = make_axis("queries_per_day", 10, 10_000_000, 2_000, log=True)
    y = make_axis("labeled_examples", 0, 100_000, 1_000, log=False)
    gc.collect()
    tracemalloc.start()
    try:
        grid = sweep(scenario, x, y)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(grid.verdict) == 2_000_000 and grid.kept_costs is None  # past KEEP_COSTS_CELLS
    assert peak < 60e6  # the old unchunked sweep: ~1 KB per cell, 2 GB here


def test_ten_million_cells_are_allowed():
    assert MAX_CELLS >= 10_000_000
    assert make_axis("queries_per_day", 10, 10_000_000, 10_000, log=True).n * 1_000 <= MAX_CELLS

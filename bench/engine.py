"""Core speed: scenario evaluations per second through ``sweep`` (vectorised) against a Python
loop of single evaluations over the same scenarios, and the analysis pages' core calls."""

from __future__ import annotations

import gc
import itertools
import tracemalloc

import numpy as np

from bench.timing import Row, median_seconds, ms
from core.analyses.decision_map import decision_map
from core.analyses.montecarlo import simulate
from core.analyses.sensitivity import break_evens, tornado
from core.analyses.sweep import make_axis, sweep
from core.engine.analysis import evaluate
from core.engine.chunks import CHUNK_ROWS
from core.engine.columns import to_columns
from core.io.presets import DEFAULT_PRESET, preset

X, Y = "queries_per_day", "labeled_examples"
MILLION, TEN_MILLION, SMALL = (1_000, 1_000), (5_000, 2_000), (100, 100)  # cells
LOOP_SAMPLE = 2_000
REPEAT = 5


def _axes(nx: int, ny: int):
    return make_axis(X, 10, 10_000_000, nx, log=True), make_axis(Y, 0, 100_000, ny, log=False)


def _peak_bytes(fn) -> int:
    """Peak of Python and numpy allocations (tracemalloc) while ``fn`` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def throughput() -> list[Row]:
    """Marginal vectorised rate at 1e6 and 1e7 cells (each grid minus the small grid), the peak
    memory of the 1e7-cell sweep, and the per-scenario loop's rate."""
    scenario = preset(DEFAULT_PRESET).scenario
    small = _axes(*SMALL)
    t_small = median_seconds(lambda: sweep(scenario, *small), REPEAT)
    rates = {}
    for grid_size, repeat in ((MILLION, REPEAT), (TEN_MILLION, 3)):
        axes = _axes(*grid_size)
        t_big = median_seconds(lambda axes=axes: sweep(scenario, *axes), repeat)
        rates[grid_size] = (grid_size[0] * grid_size[1] - SMALL[0] * SMALL[1]) / (t_big - t_small)
    peak = _peak_bytes(lambda: sweep(scenario, *_axes(*TEN_MILLION)))

    grid = sweep(scenario, *_axes(*MILLION))
    picked = np.random.default_rng(0).choice(grid.x_values.size, LOOP_SAMPLE, replace=False)
    base = to_columns(scenario.flat())
    xs, ys = grid.x_values, grid.y_values
    singles = [base | {X: xs[i : i + 1].copy(), Y: ys[i : i + 1].copy()} for i in picked]
    t_loop = median_seconds(lambda: [evaluate(cols) for cols in singles], 3)
    looped = LOOP_SAMPLE / t_loop
    verdicts = np.array([evaluate(cols).verdict[0] for cols in singles])
    agree = "same verdicts" if np.array_equal(verdicts, grid.verdict[picked]) else "VERDICTS DIFFER"
    rows = [
        Row(
            f"core: sweep of {x * y / 1e6:g}M cells, vectorised (marginal)",
            f"{rates[(x, y)]:,.0f} evaluations/s",
            ">= 2,000,000/s",
            f"({x}x{y} - {SMALL[0]}x{SMALL[1]} cells) / time difference, chunks of {CHUNK_ROWS:,}",
        )
        for x, y in (MILLION, TEN_MILLION)
    ]
    return [
        *rows,
        Row("core: peak memory of a 10M-cell sweep", f"{peak / 1e6:,.0f} MB", "< 300 MB",
            "tracemalloc peak (numpy reports to it) of sweep() on 5000x2000 cells"),
        Row("core: per-scenario Python loop", f"{looped:,.0f} evaluations/s", "-",
            f"evaluate() on {LOOP_SAMPLE:,} single cells of the 1M grid; {agree}"),
        Row("core: vectorised / loop", f"{rates[MILLION] / looped:,.0f}x", ">= 50x"),
    ]  # fmt: skip


def analysis_core() -> list[Row]:
    """Core time of the analysis pages' heaviest calls on the default preset."""
    scenario = preset(DEFAULT_PRESET).scenario
    decision = median_seconds(lambda: decision_map(scenario, n=200).cells(), REPEAT)
    monte_carlo = median_seconds(lambda: simulate(scenario, samples=10_000, seed=0).summary(), REPEAT)
    seeds = itertools.count(1)  # a new seed each call: nothing drawn before, every stream drawn afresh
    fresh = median_seconds(lambda: simulate(scenario, samples=10_000, seed=next(seeds)).summary(), REPEAT)
    sensitivity = median_seconds(lambda: (tornado(scenario), break_evens(scenario)), REPEAT)
    return [
        Row(
            "core: 200x200 decision map",
            ms(decision),
            "< 100 ms",
            "decision_map(n=200).cells(), default axes",
        ),
        Row(
            "core: Monte Carlo, 10,000 samples",
            ms(monte_carlo),
            "< 100 ms",
            "simulate(samples=10_000).summary(), the same seed each call: its Beta draws are kept, as on a rerun",
        ),
        Row(
            "core: Monte Carlo, 10,000 samples, fresh draws",
            ms(fresh),
            "< 100 ms",
            "simulate(samples=10_000, seed=a new one each call).summary(): every stream drawn",
        ),
        Row("core: sensitivity (tornado + break-evens)", ms(sensitivity), "-", "tornado() and break_evens()"),
    ]

"""Core speed: scenario evaluations per second through ``sweep`` (vectorised) against a Python
loop of single evaluations over the same scenarios, and the analysis pages' core calls."""

from __future__ import annotations

import numpy as np

from bench.timing import Row, median_seconds, ms
from core.analyses.decision_map import decision_map
from core.analyses.montecarlo import simulate
from core.analyses.sensitivity import break_evens, tornado
from core.analyses.sweep import make_axis, sweep
from core.engine.analysis import evaluate
from core.engine.columns import to_columns
from core.io.presets import DEFAULT_PRESET, preset

X, Y = "queries_per_day", "labeled_examples"
BIG, SMALL = (2_000, 1_000), (100, 100)  # cells: 2,000,000 and 10,000
LOOP_SAMPLE = 2_000
REPEAT = 5


def _axes(nx: int, ny: int):
    return make_axis(X, 10, 10_000_000, nx, log=True), make_axis(Y, 0, 100_000, ny, log=False)


def throughput() -> list[Row]:
    """Marginal vectorised rate (big grid minus small grid) and the per-scenario loop's rate."""
    scenario = preset(DEFAULT_PRESET).scenario
    big, small = _axes(*BIG), _axes(*SMALL)
    t_big = median_seconds(lambda: sweep(scenario, *big), REPEAT)
    t_small = median_seconds(lambda: sweep(scenario, *small), REPEAT)
    cells = BIG[0] * BIG[1] - SMALL[0] * SMALL[1]
    vectorised = cells / (t_big - t_small)

    grid = sweep(scenario, *big)
    picked = np.random.default_rng(0).choice(grid.x_values.size, LOOP_SAMPLE, replace=False)
    base = to_columns(scenario.flat())
    singles = [base | {X: grid.x_values[i : i + 1], Y: grid.y_values[i : i + 1]} for i in picked]
    t_loop = median_seconds(lambda: [evaluate(cols) for cols in singles], 3)
    looped = LOOP_SAMPLE / t_loop
    winners = np.array([evaluate(cols).winner[0] for cols in singles])
    agree = "same winners" if np.array_equal(winners, grid.evaluation.winner[picked]) else "WINNERS DIFFER"
    return [
        Row("core: sweep, vectorised (marginal)", f"{vectorised:,.0f} evaluations/s", ">= 1,000,000/s",
            f"({BIG[0]}x{BIG[1]} - {SMALL[0]}x{SMALL[1]} cells) / time difference, median of {REPEAT}"),
        Row("core: per-scenario Python loop", f"{looped:,.0f} evaluations/s", "-",
            f"evaluate() on {LOOP_SAMPLE:,} single cells of the same grid; {agree}"),
        Row("core: vectorised / loop", f"{vectorised / looped:,.0f}x", ">= 50x"),
    ]  # fmt: skip


def analysis_core() -> list[Row]:
    """Core time of the analysis pages' heaviest calls on the default preset."""
    scenario = preset(DEFAULT_PRESET).scenario
    decision = median_seconds(lambda: decision_map(scenario, n=200).cells(), REPEAT)
    monte_carlo = median_seconds(lambda: simulate(scenario, samples=10_000, seed=0).summary(), REPEAT)
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
            "simulate(samples=10_000).summary()",
        ),
        Row("core: sensitivity (tornado + break-evens)", ms(sensitivity), "-", "tornado() and break_evens()"),
    ]

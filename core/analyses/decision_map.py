"""The decision map: the recommended strategy over a grid of two inputs, as chart-ready cells,
the default pair of inputs for a scenario, and where to write each region's name."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analyses.ranges import map_range
from core.analyses.sensitivity import evaluate_variations
from core.analyses.sweep import Axis, Sweep, make_axis, sweep
from core.engine.analysis import Evaluation
from core.engine.columns import to_columns
from core.model.errors import ScenarioError, quoted
from core.model.fields import HEADLINE, NUMERIC, allowed
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES

DEFAULT_X, DEFAULT_Y = "queries_per_day", "updates_per_month"
DEFAULT_STEPS = 100
NOTHING = "none"  # a cell where no strategy passes every rule
WINNERS = (*STRATEGIES, NOTHING)
LINE_POINTS = 41  # per input when looking for the inputs that change the winner
CHECK_STEPS = 25  # per axis when checking that a candidate pair draws more than one region
LABEL_SHARE = 0.02  # a region smaller than this share of the map gets no written name


def map_axis(scenario: Scenario, name: str, n: int = DEFAULT_STEPS) -> Axis:
    """The default axis of one input: see ``core.analyses.ranges.map_range``."""
    if name not in NUMERIC:
        raise ScenarioError(f"decision map: {quoted(name)} is not a numeric input")
    lo, hi, log = map_range(name, float(scenario.flat()[name]))
    return make_axis(name, lo, hi, n, log)


def winners(ev: Evaluation) -> np.ndarray:
    """(N,) index into WINNERS: the recommended strategy, or NOTHING where no strategy passes
    every rule (the engine's winner is then -1, or a fallback that fails a rule)."""
    rows = np.arange(len(ev.winner))
    valid = ev.winner >= 0
    passes = valid & ev.feasible[rows, np.where(valid, ev.winner, 0)]
    return np.where(passes, ev.winner, len(STRATEGIES))


def codes(verdict: np.ndarray) -> np.ndarray:
    """(N,) index into WINNERS from a verdict: the strategy, or NOTHING where it is NO_STRATEGY
    (the same as ``winners``: a verdict is always a strategy that passes every rule)."""
    return np.where(verdict < 0, len(STRATEGIES), verdict)


def _edges(axis: Axis, values: np.ndarray) -> np.ndarray:
    """Cell edges half-way between grid values (geometric half-way on a log axis)."""
    if len(values) == 1:
        return np.array([values[0], values[0]])
    if axis.log:
        inner = np.sqrt(values[:-1] * values[1:])
        return np.concatenate([[axis.lo], inner, [axis.hi]])
    inner = (values[:-1] + values[1:]) / 2
    return np.concatenate([[axis.lo], inner, [axis.hi]])


def _deepest(mask: np.ndarray) -> tuple[int, int]:
    """(row, column) of the cell of ``mask`` farthest inside it: erode the region one cell at a
    time (the grid's border counts as outside) and take the last cells left, nearest their middle."""
    core = mask
    while True:
        inner = np.zeros_like(core)
        inner[1:-1, 1:-1] = (
            core[1:-1, 1:-1] & core[:-2, 1:-1] & core[2:, 1:-1] & core[1:-1, :-2] & core[1:-1, 2:]
        )
        if not inner.any():
            break
        core = inner
    rows, cols = np.nonzero(core)
    nearest = np.argmin((rows - rows.mean()) ** 2 + (cols - cols.mean()) ** 2)
    return int(rows[nearest]), int(cols[nearest])


@dataclass(frozen=True)
class DecisionMap:
    sweep: Sweep

    def _grid(self) -> np.ndarray:
        """(ny, nx) index into WINNERS, in the sweep's row-major cell order."""
        return codes(self.sweep.verdict).reshape(self.sweep.y.n, self.sweep.x.n)

    def cells(self) -> pd.DataFrame:
        """One row per cell: x and y (the evaluated values), x_lo/x_hi/y_lo/y_hi (the cell's
        edges), winner (a strategy, or "none" where nothing passes every rule), margin_pct (the
        runner-up's extra horizon cost over the winner's, %; NaN where nothing else is
        feasible) and horizon_cost_usd_<strategy> (USD)."""
        sw = self.sweep
        xv, yv = np.unique(sw.x.values()), np.unique(sw.y.values())
        xe, ye = _edges(sw.x, xv), _edges(sw.y, yv)
        xi = np.searchsorted(xv, sw.x_values)
        yi = np.searchsorted(yv, sw.y_values)
        frame = pd.DataFrame(
            {
                "x": sw.x_values,
                "y": sw.y_values,
                "x_lo": xe[xi],
                "x_hi": xe[xi + 1],
                "y_lo": ye[yi],
                "y_hi": ye[yi + 1],
                "winner": np.asarray(WINNERS)[codes(sw.verdict)],
                "margin_pct": sw.margin * 100,
            }
            | sw.horizon_cost_columns()
        )
        return frame.drop_duplicates(["x", "y"]).reset_index(drop=True)

    def counts(self) -> dict[str, int]:
        """Cells won by each strategy, and ``"none"``: cells where nothing passes every rule."""
        counts = np.bincount(codes(self.sweep.verdict), minlength=len(WINNERS))
        return {s: int(c) for s, c in zip(WINNERS, counts, strict=True)}

    def region_labels(self) -> pd.DataFrame:
        """Where to write each region's name: one row per winner holding at least LABEL_SHARE
        of the map, at the cell deepest inside its largest stretch. Columns: x, y (an evaluated
        cell's values), region (a strategy or "none"), share (of the map, fraction)."""
        grid = self._grid()
        xs = self.sweep.x_values.reshape(grid.shape)
        ys = self.sweep.y_values.reshape(grid.shape)
        rows = []
        for code, name in enumerate(WINNERS):
            mask = grid == code
            share = float(mask.mean())
            if share >= LABEL_SHARE:
                r, c = _deepest(mask)
                rows.append((float(xs[r, c]), float(ys[r, c]), name, share))
        return pd.DataFrame(rows, columns=["x", "y", "region", "share"])


def decision_map(
    scenario: Scenario, x: str = DEFAULT_X, y: str = DEFAULT_Y, n: int = DEFAULT_STEPS
) -> DecisionMap:
    """The grid of ``n`` x ``n`` cells over inputs x and y, the rest of ``scenario`` held."""
    if x == y:
        raise ScenarioError(f"decision map: pick two different inputs, not {x} twice ({allowed(x)})")
    return DecisionMap(sweep(scenario, map_axis(scenario, x, n), map_axis(scenario, y, n)))


def rank_inputs(scenario: Scenario) -> list[str]:
    """Numeric inputs, those that change the winner along their own map axis first.

    Each input is swept alone over its default axis (LINE_POINTS values, one vectorised call).
    Order: inputs along which one strategy gives way to another first, then those along which
    only "nothing passes" appears, then the rest; within each, the headline inputs first, then
    the most evenly shared lines (1 - the largest winner's share)."""
    names, values = [], []
    for name in NUMERIC:
        names += [name] * LINE_POINTS
        values.append(map_axis(scenario, name, LINE_POINTS).values())
    ev = evaluate_variations(
        to_columns(scenario.flat()), np.array(names, dtype=object), np.concatenate(values)
    )
    lines = winners(ev).reshape(len(NUMERIC), LINE_POINTS)
    counts = np.stack([np.bincount(line, minlength=len(WINNERS)) for line in lines])
    strategies_flip = (counts[:, : len(STRATEGIES)] > 0).sum(axis=1) > 1
    flips = (counts > 0).sum(axis=1) > 1
    balance = 1 - counts.max(axis=1) / LINE_POINTS
    headline = np.array([n in HEADLINE for n in NUMERIC])
    order = np.lexsort((-balance, ~headline, ~flips, ~strategies_flip))  # last key sorts first
    return [NUMERIC[i] for i in order]


def default_axes(scenario: Scenario) -> tuple[str, str]:
    """The pair of inputs the map opens on: the best-ranked pair (``rank_inputs``) whose
    coarse map shows more than one region; (DEFAULT_X, DEFAULT_Y) if none does."""
    ranked = rank_inputs(scenario)[:6]
    for i, x in enumerate(ranked):
        for y in ranked[i + 1 :]:
            if len(np.unique(decision_map(scenario, x, y, CHECK_STEPS).sweep.verdict)) > 1:
                return x, y
    return DEFAULT_X, DEFAULT_Y

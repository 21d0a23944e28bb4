"""The decision map: the recommended strategy over a grid of two inputs, as chart-ready cells."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analyses.ranges import map_range
from core.analyses.sweep import Axis, Sweep, make_axis, sweep
from core.model.errors import ScenarioError, quoted
from core.model.fields import NUMERIC, allowed
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES

DEFAULT_X, DEFAULT_Y = "queries_per_day", "updates_per_month"
DEFAULT_STEPS = 100


def map_axis(scenario: Scenario, name: str, n: int = DEFAULT_STEPS) -> Axis:
    """The default axis of one input: see ``core.analyses.ranges.map_range``."""
    if name not in NUMERIC:
        raise ScenarioError(f"decision map: {quoted(name)} is not a numeric input")
    lo, hi, log = map_range(name, float(scenario.flat()[name]))
    return make_axis(name, lo, hi, n, log)


def _edges(axis: Axis, values: np.ndarray) -> np.ndarray:
    """Cell edges half-way between grid values (geometric half-way on a log axis)."""
    if len(values) == 1:
        return np.array([values[0], values[0]])
    if axis.log:
        inner = np.sqrt(values[:-1] * values[1:])
        return np.concatenate([[axis.lo], inner, [axis.hi]])
    inner = (values[:-1] + values[1:]) / 2
    return np.concatenate([[axis.lo], inner, [axis.hi]])


@dataclass(frozen=True)
class DecisionMap:
    sweep: Sweep

    def cells(self) -> pd.DataFrame:
        """One row per cell: x and y (the evaluated values), x_lo/x_hi/y_lo/y_hi (the cell's
        edges), winner ("none" where no strategy passes every rule), margin_pct (the runner-up's extra horizon cost over the winner's, %;
        NaN where nothing else is feasible) and horizon_cost_usd_<strategy> (USD)."""
        sw = self.sweep
        xv, yv = np.unique(sw.x.values()), np.unique(sw.y.values())
        xe, ye = _edges(sw.x, xv), _edges(sw.y, yv)
        xi = np.searchsorted(xv, sw.x_values)
        yi = np.searchsorted(yv, sw.y_values)
        ev = sw.evaluation
        frame = pd.DataFrame(
            {
                "x": sw.x_values,
                "y": sw.y_values,
                "x_lo": xe[xi],
                "x_hi": xe[xi + 1],
                "y_lo": ye[yi],
                "y_hi": ye[yi + 1],
                "winner": ev.verdict_names(),
                "margin_pct": ev.margin * 100,
            }
            | ev.horizon_cost_columns()
        )
        return frame.drop_duplicates(["x", "y"]).reset_index(drop=True)

    def counts(self) -> dict[str, int]:
        """Cells won by each strategy, and "none": cells where no strategy passes every rule."""
        verdict = self.sweep.evaluation.verdict
        counts = np.bincount(verdict[verdict >= 0], minlength=len(STRATEGIES))
        return {s: int(c) for s, c in zip(STRATEGIES, counts, strict=True)} | {
            "none": int((verdict < 0).sum())
        }


def decision_map(
    scenario: Scenario, x: str = DEFAULT_X, y: str = DEFAULT_Y, n: int = DEFAULT_STEPS
) -> DecisionMap:
    """The grid of ``n`` x ``n`` cells over inputs x and y, the rest of ``scenario`` held."""
    if x == y:
        raise ScenarioError(f"decision map: pick two different inputs, not {x} twice ({allowed(x)})")
    return DecisionMap(sweep(scenario, map_axis(scenario, x, n), map_axis(scenario, y, n)))

"""Grids over two inputs, evaluated in one vectorised call."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd

from core.engine.chunks import CHUNK_ROWS, decide, horizon_costs
from core.engine.columns import to_columns
from core.model.errors import ScenarioError, quoted
from core.model.fields import FIELDS, NUMERIC, allowed, bounds
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES

MAX_STEPS = 10_000  # per axis
MAX_CELLS = 10_000_000  # in chunks: 9 bytes kept per cell (int8 verdict, float margin), ~125 MB peak
KEEP_COSTS_CELLS = 1_000_000  # up to here a sweep also keeps its horizon costs (32 B a cell)


@dataclass(frozen=True)
class Axis:
    """One swept input: ``n`` values from ``lo`` to ``hi``, log-spaced if ``log``."""

    name: str
    lo: float
    hi: float
    n: int
    log: bool = False

    def values(self) -> np.ndarray:
        v = np.geomspace(self.lo, self.hi, self.n) if self.log else np.linspace(self.lo, self.hi, self.n)
        return np.round(v) if FIELDS[self.name][1].annotation is int else v


def parse_axis(spec: str, flag: str = "--x") -> Axis:
    """``NAME=LO:HI:N[:log]`` as an Axis, checked against the field's bounds."""
    name, sep, rest = spec.partition("=")
    parts = rest.split(":")
    if not sep or len(parts) not in (3, 4) or (len(parts) == 4 and parts[3] not in ("log", "lin")):
        raise ScenarioError(f"{flag} {quoted(spec)}: expected NAME=LO:HI:N or NAME=LO:HI:N:log")
    if name not in NUMERIC:
        raise ScenarioError(f"{flag} {quoted(spec)}: {quoted(name)} is not a numeric input")
    try:
        lo, hi, n = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise ScenarioError(
            f"{flag} {quoted(spec)}: LO and HI must be numbers and N a whole number"
        ) from None
    return make_axis(name, lo, hi, n, len(parts) == 4 and parts[3] == "log", flag)


def make_axis(name: str, lo: float, hi: float, n: int, log: bool, flag: str = "axis") -> Axis:
    """An Axis, or a ScenarioError naming what is wrong with it."""
    fmin, fmax = bounds(name)
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo < fmin or hi > fmax or lo > hi:
        raise ScenarioError(f"{flag} {name}={lo:g}:{hi:g}: the range must lie in {allowed(name)}, LO <= HI")
    if not 1 <= n <= MAX_STEPS:
        raise ScenarioError(
            f"{flag} {name}: N = {quoted(n)} steps is not allowed: expected 1 to {MAX_STEPS:,}"
        )
    if log and lo <= 0:
        raise ScenarioError(f"{flag} {name}: a log axis needs LO > 0, got {lo:g}")
    return Axis(name, lo, hi, n, log)


@dataclass(frozen=True)
class Sweep:
    """Every (x, y) cell's verdict and margin, x varying fastest. Up to KEEP_COSTS_CELLS cells
    the horizon costs are kept too; past it they are evaluated again, chunk by chunk, when asked
    for, so a sweep of 10 million cells peaks at ~125 MB."""

    x: Axis
    y: Axis
    base: dict[str, np.ndarray]  # the scenario's columns, x and y held at its own values
    verdict: np.ndarray  # (N,) int8 index into STRATEGIES, or NO_STRATEGY (-1): nothing passes
    margin: np.ndarray  # (N,) runner-up's extra horizon cost / winner's (NaN: no rival)
    kept_costs: np.ndarray | None = None  # (N, 4) USD, kept by sweeps of up to KEEP_COSTS_CELLS

    @cached_property
    def x_values(self) -> np.ndarray:
        """(N,) the x of each cell (made on first use: the sweep itself does not keep it)."""
        return np.tile(self.x.values(), self.y.n)

    @cached_property
    def y_values(self) -> np.ndarray:
        """(N,) the y of each cell."""
        return np.repeat(self.y.values(), self.x.n)

    def chunks(self, size: int = CHUNK_ROWS) -> Iterator[dict[str, np.ndarray]]:
        """The cells' columns, ``size`` cells at a time, in cell order."""
        xv, yv = self.x.values(), self.y.values()
        for start in range(0, self.x.n * self.y.n, size):
            cells = np.arange(start, min(start + size, self.x.n * self.y.n))
            yield self.base | {self.x.name: xv[cells % self.x.n], self.y.name: yv[cells // self.x.n]}

    @cached_property
    def horizon_cost_usd(self) -> np.ndarray:
        """(N, 4) each strategy's horizon cost, USD (evaluated again unless the sweep kept it)."""
        if self.kept_costs is not None:
            return self.kept_costs
        return horizon_costs(self.chunks(), self.x.n * self.y.n)

    def horizon_cost_columns(self) -> dict[str, np.ndarray]:
        """``horizon_cost_usd_<strategy>`` -> (N,) USD: one table column per strategy."""
        cost = self.horizon_cost_usd
        return {f"horizon_cost_usd_{s}": cost[:, i] for i, s in enumerate(STRATEGIES)}

    def verdict_names(self) -> np.ndarray:
        """(N,) strategy name of the verdict, or "none" where no strategy passes every rule."""
        return np.asarray([*STRATEGIES, "none"])[self.verdict]

    def frame(self) -> pd.DataFrame:
        """One row per cell: x, y, winner, margin and each strategy's horizon cost (USD)."""
        frame = pd.DataFrame({self.x.name: self.x_values, self.y.name: self.y_values})
        frame["winner"] = self.verdict_names()  # "none" where no strategy passes every rule
        frame["margin"] = self.margin
        return frame.assign(**self.horizon_cost_columns())


def sweep(scenario: Scenario, x: Axis, y: Axis) -> Sweep:
    """Evaluate every (x, y) cell of the grid with the rest of ``scenario`` held, in chunks."""
    if x.name == y.name:
        raise ScenarioError(f"--x and --y both sweep {x.name}: pick two different inputs")
    if x.n * y.n > MAX_CELLS:
        raise ScenarioError(f"grid of {x.n * y.n:,} cells is too large: at most {MAX_CELLS:,}")
    grid = Sweep(x, y, to_columns(scenario.flat()), np.empty(0, np.int8), np.empty(0))
    decided = decide(grid.chunks(), x.n * y.n, keep_costs=x.n * y.n <= KEEP_COSTS_CELLS)
    return replace(grid, verdict=decided.verdict, margin=decided.margin, kept_costs=decided.horizon_cost_usd)

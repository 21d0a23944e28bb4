"""Grids over two inputs, evaluated in one vectorised call."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.engine.analysis import Evaluation, evaluate
from core.engine.columns import to_columns
from core.model.errors import ScenarioError, quoted
from core.model.fields import FIELDS, NUMERIC, allowed, bounds
from core.model.scenario import Scenario

MAX_STEPS = 2_000  # per axis
MAX_CELLS = 4_000_000  # ~1.5 GB of intermediate arrays on this 24 GiB machine


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
    x: Axis
    y: Axis
    x_values: np.ndarray  # (N,), one per cell
    y_values: np.ndarray
    evaluation: Evaluation

    def frame(self) -> pd.DataFrame:
        """One row per cell: x, y, winner, margin and each strategy's horizon cost (USD)."""
        ev = self.evaluation
        frame = pd.DataFrame({self.x.name: self.x_values, self.y.name: self.y_values})
        frame["winner"] = ev.verdict_names()  # "none" where no strategy passes every rule
        frame["margin"] = ev.margin
        return frame.assign(**ev.horizon_cost_columns())


def sweep(scenario: Scenario, x: Axis, y: Axis) -> Sweep:
    """Evaluate every (x, y) cell of the grid with the rest of ``scenario`` held."""
    if x.name == y.name:
        raise ScenarioError(f"--x and --y both sweep {x.name}: pick two different inputs")
    if x.n * y.n > MAX_CELLS:
        raise ScenarioError(f"grid of {x.n * y.n:,} cells is too large: at most {MAX_CELLS:,}")
    xv, yv = np.meshgrid(x.values(), y.values(), indexing="xy")
    cols = to_columns(scenario.flat()) | {x.name: xv.ravel(), y.name: yv.ravel()}
    return Sweep(x, y, xv.ravel(), yv.ravel(), evaluate(cols))

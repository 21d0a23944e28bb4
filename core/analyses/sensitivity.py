"""Sensitivity: a tornado over the plausible ranges of ``core.analyses.ranges`` and the break-even value
of each headline input, all from vectorised evaluations.

A change of winner is found on a fine grid, then narrowed by a k-ary search of every bracket at
once (``core.analyses.search``), so the values reported on each side of a flip are ones the engine
actually evaluated. ``sensitivity`` gives the tornado and the break-evens together, all their
brackets in one search.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analyses.ranges import check_ranges, default_ranges, grid, is_int
from core.analyses.search import boundaries
from core.engine.analysis import evaluate
from core.engine.columns import to_columns
from core.model.fields import HEADLINE, bounds, unit
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES, VERDICTS

TORNADO_POINTS = 129  # per input across its range, plus the scenario's own value
BREAK_EVEN_POINTS = 2_001  # per headline input across its whole allowed range


def _base(scenario: Scenario) -> dict[str, np.ndarray]:
    return to_columns(scenario.flat())


def evaluate_variations(base: Mapping[str, np.ndarray], names: np.ndarray, values: np.ndarray):
    """Evaluate row r as ``base`` with input ``names[r]`` set to ``values[r]``."""
    cols = dict(base)
    codes, uniques = pd.factorize(np.asarray(names, dtype=object))
    for k, name in enumerate(uniques):
        col = np.full(len(names), float(base[name][0]))
        rows = codes == k
        col[rows] = values[rows]
        cols[str(name)] = col
    return evaluate(cols)


@dataclass(frozen=True)
class _Grids:
    """Grids of several inputs: row 0 is the scenario itself, then grid k (of input
    ``inputs[k]``) from row ``starts[k]``."""

    inputs: list[str]
    grids: list[np.ndarray]
    names: np.ndarray  # (R,) the input each row varies
    values: np.ndarray  # (R,) its value
    starts: np.ndarray  # (K,)
    verdict: np.ndarray  # (R,)
    cost: np.ndarray  # (R, 4) horizon cost, USD
    feasible: np.ndarray  # (R, 4)

    def rows(self, k: int) -> slice:
        return slice(self.starts[k], self.starts[k] + len(self.grids[k]))


def _evaluate_grids(base, inputs: list[str], grids: list[np.ndarray], split: int) -> _Grids:
    """The scenario and grids[:split] in one evaluation, grids[split:] in another: an evaluation
    costs more per row for every input it varies, so the tornado's many inputs and the
    break-evens' few are not evaluated together."""
    first = inputs[0] if inputs else HEADLINE[0]
    sizes = [1, *(len(g) for g in grids)]
    names = np.repeat(np.array([first, *inputs], dtype=object), sizes)
    values = np.concatenate([[float(base[first][0])], *grids])
    cut = int(np.sum(sizes[: split + 1])) if split else 0  # no tornado: the scenario row joins the rest
    parts = [rows for rows in (slice(0, cut), slice(cut, len(names))) if rows.stop > rows.start]
    evs = [evaluate_variations(base, names[rows], values[rows]) for rows in parts]
    return _Grids(
        inputs,
        grids,
        names,
        values,
        starts=np.cumsum(sizes)[:-1],
        verdict=np.concatenate([ev.verdict for ev in evs]),
        cost=np.concatenate([ev.costs.horizon_cost_usd for ev in evs]),
        feasible=np.concatenate([ev.feasible for ev in evs]),
    )


def _refine(base, g: _Grids, brackets: list[tuple[int, int, int]]):
    """Narrow brackets (grid k, row inside, row outside) whose ends have different winners, all
    at once, to adjacent floats or whole numbers: (inside, outside, winner outside) per bracket,
    ``inside`` keeping the winner of its row."""
    inside, outside = (np.array([b[i] for b in brackets], dtype=int) for i in (1, 2))
    names = g.names[inside]
    return boundaries(
        lambda n, v: evaluate_variations(base, n, v).verdict,
        names,
        g.values[inside],
        g.values[outside],
        g.verdict[inside],
        g.verdict[outside],
        whole=np.array([is_int(str(n)) for n in names], dtype=bool),
    )


def sensitivity(
    scenario: Scenario, ranges: pd.DataFrame | None = None, inputs: tuple[str, ...] = HEADLINE
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(inputs, bars, break-evens): ``tornado(scenario, ranges)`` and ``break_evens(scenario,
    inputs)``, the same tables, with one search of all their brackets."""
    return _sensitivity(scenario, ranges, inputs, with_tornado=True)


def tornado(scenario: Scenario, ranges: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(inputs, bars) for the tornado, both ranked by swing (largest first).

    inputs: one row per input: input, unit, value, low, high, swing_usd (the largest swing in
    horizon cost, USD, among the strategies feasible in the scenario, all four if none is),
    flips_at (the value nearest the scenario's where the recommendation changes, NaN if it
    holds across the range), flips_to, source.
    bars: one row per input and strategy: feasible, cost_usd (the scenario's), cost_low_usd
    and cost_high_usd (at the range's ends), delta_min_usd and delta_max_usd (the lowest and
    highest change from cost_usd anywhere in the range)."""
    inputs, bars, _ = _sensitivity(scenario, ranges, (), with_tornado=True)
    return inputs, bars


def break_evens(scenario: Scenario, inputs: tuple[str, ...] = HEADLINE) -> pd.DataFrame:
    """Every value of each input, across its whole allowed range and holding the rest, where
    the winner changes: input, unit, value (the first value with the new winner), below and
    above (evaluated values on each side), winner_below, winner_above (a strategy, or "none"
    where no strategy passes every rule). An input whose winner
    never changes gets one row with value NaN ("none in range")."""
    return _sensitivity(scenario, None, inputs, with_tornado=False)[2]


def _sensitivity(scenario, ranges, inputs, *, with_tornado: bool):
    base = _base(scenario)
    if with_tornado:
        ranges = check_ranges(default_ranges(scenario) if ranges is None else ranges)
        names = list(ranges["input"])
        grids = [
            np.unique(np.append(grid(n, lo, hi, TORNADO_POINTS), v))
            for n, lo, v, hi in zip(
                names, *(ranges[c].to_numpy() for c in ("low", "likely", "high")), strict=True
            )
        ]
    else:
        names, grids = [], []
    t = len(names)
    break_even_grids = [grid(n, *bounds(n), BREAK_EVEN_POINTS) for n in inputs]
    g = _evaluate_grids(base, names + list(inputs), grids + break_even_grids, split=t)
    flips = _flip_brackets(g, t, ranges["likely"]) if with_tornado else []
    changes = _change_brackets(g, range(t, len(g.inputs)))
    refined = _refine(base, g, flips + changes) if flips or changes else (np.array([]),) * 3
    table = (
        _break_even_table(g, t, changes, *(r[len(flips) :] for r in refined))
        if inputs or not with_tornado
        else None
    )
    if not with_tornado:
        return None, None, table
    flips_at, flips_to = _nearest_flips(g, flips, *(r[: len(flips)] for r in refined[1:]), ranges["likely"])
    return (*_tornado_tables(g, t, ranges, flips_at, flips_to), table)


def _flip_brackets(g: _Grids, t: int, values: pd.Series) -> list[tuple[int, int, int]]:
    """Per tornado input, the brackets nearest its value (above, then below) where the winner
    stops being the scenario's: (input index, row inside, row outside)."""
    w0 = g.verdict[0]
    brackets = []
    for k in range(t):
        start, w = g.starts[k], g.verdict[g.rows(k)]
        here = int(np.searchsorted(g.grids[k], values.iloc[k]))
        up = here + np.flatnonzero(w[here:] != w0)
        down = np.flatnonzero(w[:here] != w0)
        if len(up):
            brackets.append((k, start + up[0] - 1, start + up[0]))
        if len(down):
            brackets.append((k, start + down[-1] + 1, start + down[-1]))
    return brackets


def _nearest_flips(g: _Grids, brackets, outside, w_out, values) -> tuple[np.ndarray, list]:
    """Per tornado input, the refined value nearest the scenario's where the winner stops being
    the scenario's, and the winner there."""
    flips_at = np.full(len(values), np.nan)
    flips_to: list[str | None] = [None] * len(values)
    best = np.full(len(values), np.inf)
    for (k, _, _), v, w in zip(brackets, outside, w_out, strict=True):
        distance = abs(v - values.iloc[k]) / max(g.grids[k][-1] - g.grids[k][0], 1e-300)
        if distance < best[k]:
            best[k], flips_at[k], flips_to[k] = distance, v, VERDICTS[int(w)]
    return flips_at, flips_to


def _tornado_tables(g: _Grids, t: int, ranges, flips_at, flips_to) -> tuple[pd.DataFrame, pd.DataFrame]:
    names = ranges["input"].to_numpy(dtype=object)
    sizes = np.array([len(x) for x in g.grids[:t]])
    starts = g.starts[:t] - 1  # within the tornado's rows
    cost = g.cost[1 : 1 + sizes.sum()]
    cost0, feasible0 = g.cost[0], g.feasible[0]
    delta_min = np.minimum.reduceat(cost, starts, axis=0) - cost0
    delta_max = np.maximum.reduceat(cost, starts, axis=0) - cost0
    counted = feasible0 if feasible0.any() else np.ones(len(STRATEGIES), dtype=bool)
    swing = np.where(counted, delta_max - delta_min, 0).max(axis=1)
    inputs = pd.DataFrame(
        {
            "input": names,
            "unit": [unit(n) for n in names],
            "value": ranges["likely"].to_numpy(),
            "low": ranges["low"].to_numpy(),
            "high": ranges["high"].to_numpy(),
            "swing_usd": swing,
            "flips_at": flips_at,
            "flips_to": flips_to,
            "source": ranges["source"] if "source" in ranges else "",
        }
    )
    order = np.argsort(-swing, kind="stable")
    inputs = inputs.iloc[order].reset_index(drop=True)
    ends = np.stack([starts, starts + sizes - 1])
    bars = pd.DataFrame(
        {
            "input": np.repeat(names, len(STRATEGIES)),
            "strategy": np.tile(STRATEGIES, len(names)),
            "feasible": np.tile(feasible0, len(names)),
            "cost_usd": np.tile(cost0, len(names)),
            "cost_low_usd": cost[ends[0]].ravel(),
            "cost_high_usd": cost[ends[1]].ravel(),
            "delta_min_usd": delta_min.ravel(),
            "delta_max_usd": delta_max.ravel(),
        }
    )
    blocks = order[:, None] * len(STRATEGIES) + np.arange(len(STRATEGIES))  # each input's rows, by swing
    bars = bars.iloc[blocks.ravel()].reset_index(drop=True)
    return inputs, bars


def _change_brackets(g: _Grids, ks) -> list[tuple[int, int, int]]:
    """Every pair of neighbouring grid values with different winners: (grid, row, row + 1)."""
    brackets = []
    for k in ks:
        w = g.verdict[g.rows(k)]
        brackets += [(k, g.starts[k] + j, g.starts[k] + j + 1) for j in np.flatnonzero(w[:-1] != w[1:])]
    return brackets


def _break_even_table(g: _Grids, t: int, brackets, below, above, w_above) -> pd.DataFrame:
    inside = np.array([b[1] for b in brackets], dtype=int)
    found = pd.DataFrame(
        {
            "input": g.names[inside],
            "value": above,
            "below": below,
            "above": above,
            "winner_below": np.asarray(VERDICTS)[g.verdict[inside]],
            "winner_above": np.asarray(VERDICTS)[w_above.astype(int)],
        }
    )
    held = [(g.inputs[k], VERDICTS[int(g.verdict[g.starts[k]])]) for k in range(t, len(g.inputs))]
    none = [
        {"input": n, "value": np.nan, "below": np.nan, "above": np.nan, "winner_below": w, "winner_above": w}
        for n, w in held if n not in set(found["input"])
    ]  # fmt: skip
    out = pd.concat([found, pd.DataFrame(none, columns=found.columns)], ignore_index=True)
    out["order"] = out["input"].map({n: i for i, n in enumerate(g.inputs[t:])})
    out = out.sort_values(["order", "value"], kind="stable").drop(columns="order").reset_index(drop=True)
    out.insert(1, "unit", [unit(n) for n in out["input"]])
    return out

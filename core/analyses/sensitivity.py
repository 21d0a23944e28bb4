"""Sensitivity: a tornado over the plausible ranges of ``core.analyses.ranges`` and the break-even value
of each headline input, all from vectorised evaluations.

A change of winner is found on a fine grid, then narrowed by bisection on every bracket at
once, so the values reported on each side of a flip are ones the engine actually evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from core.analyses.ranges import check_ranges, default_ranges, grid, is_int
from core.engine.analysis import evaluate
from core.engine.columns import to_columns
from core.model.fields import HEADLINE, bounds, unit
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES, VERDICTS

TORNADO_POINTS = 129  # per input across its range, plus the scenario's own value
BREAK_EVEN_POINTS = 2_001  # per headline input across its whole allowed range
BISECTIONS = 64  # halvings of each bracket: float precision, or the next whole number


def _base(scenario: Scenario) -> dict[str, np.ndarray]:
    return to_columns(scenario.flat())


def evaluate_variations(base: Mapping[str, np.ndarray], names: np.ndarray, values: np.ndarray):
    """Evaluate row r as ``base`` with input ``names[r]`` set to ``values[r]``."""
    cols = dict(base)
    for name in np.unique(names):
        col = np.full(len(names), float(base[name][0]))
        rows = names == name
        col[rows] = values[rows]
        cols[str(name)] = col
    return evaluate(cols)


def _refine(base, names, inside, outside) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Narrow brackets whose two ends have different winners, all at once.

    Returns (inside, outside, winner inside, winner outside): each end is a value the engine
    evaluated, ``inside`` keeping the winner it started with."""
    inside, outside = inside.astype(float), outside.astype(float)
    ints = np.array([is_int(str(n)) for n in names], dtype=bool)
    w_in = evaluate_variations(base, names, inside).verdict
    w_out = evaluate_variations(base, names, outside).verdict
    for _ in range(BISECTIONS):
        mid = (inside + outside) / 2
        mid = np.where(ints, np.where(inside < outside, np.floor(mid), np.ceil(mid)), mid)
        done = (mid == inside) | (mid == outside)
        if done.all():
            break
        w_mid = evaluate_variations(base, names, mid).verdict
        same = (w_mid == w_in) & ~done
        other = (w_mid != w_in) & ~done
        inside = np.where(same, mid, inside)
        outside, w_out = np.where(other, mid, outside), np.where(other, w_mid, w_out)
    return inside, outside, w_in, w_out


def tornado(scenario: Scenario, ranges: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(inputs, bars) for the tornado, both ranked by swing (largest first).

    inputs: one row per input: input, unit, value, low, high, swing_usd (the largest swing in
    horizon cost, USD, among the strategies feasible in the scenario, all four if none is),
    flips_at (the value nearest the scenario's where the recommendation changes, NaN if it
    holds across the range), flips_to, source.
    bars: one row per input and strategy: feasible, cost_usd (the scenario's), cost_low_usd
    and cost_high_usd (at the range's ends), delta_min_usd and delta_max_usd (the lowest and
    highest change from cost_usd anywhere in the range)."""
    ranges = check_ranges(default_ranges(scenario) if ranges is None else ranges)
    base = _base(scenario)
    ev0 = evaluate(base)
    w0, cost0, feasible0 = int(ev0.verdict[0]), ev0.costs.horizon_cost_usd[0], ev0.feasible[0]
    names = ranges["input"].to_numpy(dtype=object)
    grids = [
        np.unique(np.append(grid(n, lo, hi, TORNADO_POINTS), v))
        for n, lo, v, hi in ranges[["input", "low", "likely", "high"]].itertuples(index=False)
    ]
    sizes = np.array([len(g) for g in grids])
    row_names = np.repeat(names, sizes)
    ev = evaluate_variations(base, row_names, np.concatenate(grids))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    cost, winner = ev.costs.horizon_cost_usd, ev.verdict
    delta_min = np.minimum.reduceat(cost, starts, axis=0) - cost0
    delta_max = np.maximum.reduceat(cost, starts, axis=0) - cost0
    counted = feasible0 if feasible0.any() else np.ones(len(STRATEGIES), dtype=bool)
    swing = np.where(counted, delta_max - delta_min, 0).max(axis=1)
    flips_at, flips_to = _nearest_flips(base, names, grids, starts, winner, w0, ranges["likely"])
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
    rank = {name: i for i, name in enumerate(inputs["input"])}
    bars = bars.sort_values("input", key=lambda s: s.map(rank), kind="stable").reset_index(drop=True)
    return inputs, bars


def _nearest_flips(base, names, grids, starts, winner, w0, values) -> tuple[np.ndarray, list]:
    """Per input, the refined value nearest the scenario's where the winner stops being w0."""
    brackets = []  # (input index, inside value with w0, outside value without)
    for k, (g, start) in enumerate(zip(grids, starts, strict=True)):
        w = winner[start : start + len(g)]
        here = int(np.searchsorted(g, values.iloc[k]))
        up = here + np.flatnonzero(w[here:] != w0)
        down = np.flatnonzero(w[:here] != w0)
        if len(up):
            brackets.append((k, g[up[0] - 1], g[up[0]]))
        if len(down):
            brackets.append((k, g[down[-1] + 1], g[down[-1]]))
    flips_at = np.full(len(names), np.nan)
    flips_to: list[str | None] = [None] * len(names)
    if not brackets:
        return flips_at, flips_to
    which, inside, outside = (np.array(v) for v in zip(*brackets, strict=True))
    _, out, _, w_out = _refine(base, names[which], inside, outside)
    best = np.full(len(names), np.inf)
    for k, v, w in zip(which, out, w_out, strict=True):
        distance = abs(v - values.iloc[k]) / max(grids[k][-1] - grids[k][0], 1e-300)
        if distance < best[k]:
            best[k], flips_at[k], flips_to[k] = distance, v, VERDICTS[int(w)]
    return flips_at, flips_to


def break_evens(scenario: Scenario, inputs: tuple[str, ...] = HEADLINE) -> pd.DataFrame:
    """Every value of each input, across its whole allowed range and holding the rest, where
    the winner changes: input, unit, value (the first value with the new winner), below and
    above (evaluated values on each side), winner_below, winner_above (a strategy, or "none"
    where no strategy passes every rule). An input whose winner
    never changes gets one row with value NaN ("none in range")."""
    base = _base(scenario)
    grids = [grid(n, *bounds(n), BREAK_EVEN_POINTS) for n in inputs]
    names = np.repeat(np.array(inputs, dtype=object), [len(g) for g in grids])
    ev = evaluate_variations(base, names, np.concatenate(grids))
    winner = ev.verdict  # -1 where no strategy passes: VERDICTS[-1] is "none"
    change = (winner[:-1] != winner[1:]) & (names[:-1] == names[1:])
    j = np.flatnonzero(change)
    values = np.concatenate(grids)
    below, above, w_below, w_above = _refine(base, names[j], values[j], values[j + 1])
    found = pd.DataFrame(
        {
            "input": names[j],
            "value": above,
            "below": below,
            "above": above,
            "winner_below": np.asarray(VERDICTS)[w_below],
            "winner_above": np.asarray(VERDICTS)[w_above],
        }
    )
    none = [
        {"input": n, "value": np.nan, "below": np.nan, "above": np.nan,
         "winner_below": VERDICTS[int(winner[names == n][0])],
         "winner_above": VERDICTS[int(winner[names == n][0])]}
        for n in inputs if n not in set(found["input"])
    ]  # fmt: skip
    out = pd.concat([found, pd.DataFrame(none, columns=found.columns)], ignore_index=True)
    out["order"] = out["input"].map({n: i for i, n in enumerate(inputs)})
    out = out.sort_values(["order", "value"], kind="stable").drop(columns="order").reset_index(drop=True)
    out.insert(1, "unit", [unit(n) for n in out["input"]])
    return out

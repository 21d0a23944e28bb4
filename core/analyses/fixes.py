"""What would make a strategy feasible when none is: the smallest single change per blocking rule.

Each hard rule that blocks a strategy and names an input in ``core.model.rules.FIXES`` is searched
over that input alone, from the scenario's value towards the bound in the rule's direction: a
grid first (one vectorised evaluation for every rule, the switched-off rules' inputs in it too),
then a k-ary search of every bracket at once (``core.analyses.search``), then the value rounded
to the rule's step on the side that passes, with its neighbours (one evaluation for every rule).
Both sides of the reported value are evaluated by the engine: at ``value`` a strategy passes every
rule, at ``before`` (one step short) none does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.analyses.ranges import grid, is_int
from core.analyses.search import boundaries
from core.analyses.sensitivity import evaluate_variations
from core.engine.analysis import evaluate
from core.engine.columns import to_columns
from core.engine.decision import NO_STRATEGY
from core.model.fields import bounds
from core.model.labels import label
from core.model.rules import FIXES, HARD_RULES
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES

SEARCH_POINTS = 1_001  # per input, from the scenario's value to its bound
PRECISION = 64  # each bracket narrowed to 1/64 of its rule's step: well below any step
NEIGHBOURS = np.arange(-2, 2)  # steps from the rounded value checked, nearest the scenario first
FIX_COLUMNS = (
    "rule",
    "input",
    "direction",
    "current",
    "value",
    "before",
    "found",
    "verified",
    "strategy",
    "text",
)


def fixes(scenario: Scenario) -> pd.DataFrame:
    """One row per hard rule that blocks a strategy and has an input to change, when no strategy
    passes every rule (no rows when one does).

    Columns: rule, input, direction ("up", "down", "off"), current (the scenario's value), value
    (the smallest change that lets a strategy pass; NaN if none in the input's range), before
    (the value one step short, where none passes), found, verified (both sides evaluated as
    stated), strategy (the one that passes at ``value``), text ("raise the latency budget to
    1,151 ms")."""
    base = to_columns(scenario.flat())
    ev = evaluate(base)
    if ev.verdict[0] != NO_STRATEGY:
        return pd.DataFrame(columns=list(FIX_COLUMNS))
    rules = [r for r in HARD_RULES if r in FIXES and ev.blocked[r][0].any()]
    names = [FIXES[r][0] for r in rules]
    current = [float(base[n][0]) for n in names]
    grids = [_search_grid(n, FIXES[r][1], c) for r, n, c in zip(rules, names, current, strict=True)]
    sizes = [len(g) for g in grids]
    ok, verdict = _passes(base, np.repeat(np.array(names, dtype=object), sizes), np.concatenate([[], *grids]))
    rows, numeric = {}, []
    for k, (rule, start) in enumerate(zip(rules, np.cumsum([0, *sizes])[:-1], strict=True)):
        if FIXES[rule][1] == "off":
            rows[rule] = _flag_fix(rule, current[k], ok[start : start + 2], verdict[start])
        else:
            numeric.append((rule, current[k], grids[k], ok[start : start + sizes[k]]))
    rows |= _numeric_fixes(base, numeric)
    return pd.DataFrame([rows[r] for r in rules], columns=list(FIX_COLUMNS))


def _passes(base, names: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(passes, strategy index) of each variation: some strategy passes every rule."""
    ev = evaluate_variations(base, names, values)
    return ev.verdict != NO_STRATEGY, ev.verdict


def _flag_fix(rule: str, current: float, ok: np.ndarray, verdict: int) -> dict:
    """The row of a rule fixed by switching its input off: ``ok`` (passes with the input off, and
    as it is) and ``verdict`` (the strategy with it off) from the grid."""
    return _row(
        rule, current, 0.0, current, bool(ok[0]), bool(ok[0] and not ok[1]), int(verdict), FIXES[rule][3]
    )


def _numeric_fixes(base, numeric: list[tuple[str, float, np.ndarray, np.ndarray]]) -> dict[str, dict]:
    """Rows of the rules fixed by moving a number, each given as (rule, current value, grid,
    passes on the grid): the bracket where a strategy starts to pass, narrowed, then rounded."""
    if not numeric:
        return {}
    rules, current = [n[0] for n in numeric], np.array([n[1] for n in numeric])
    inside, outside, found = current.copy(), current.copy(), np.zeros(len(rules), dtype=bool)
    for k, (_, _, g, ok) in enumerate(numeric):
        hits = np.flatnonzero(ok)
        if len(hits):
            found[k], outside[k] = True, g[hits[0]]
            inside[k] = g[hits[0] - 1] if hits[0] > 0 else current[k]
    names = np.array([FIXES[r][0] for r in rules], dtype=object)[found]
    _, outside[found], _ = boundaries(
        lambda n, v: _passes(base, n, v)[0].astype(int),
        names,
        inside[found],
        outside[found],
        np.zeros(len(names), dtype=int),  # inside: no strategy passes
        np.ones(len(names), dtype=int),  # outside: one does
        whole=np.array([is_int(n) for n in names], dtype=bool),
        tolerance=np.array([FIXES[r][2] for r in rules])[found] / PRECISION,
    )
    return _rounded(base, rules, current, outside, found)


def _search_grid(name: str, direction: str, current: float) -> np.ndarray:
    """Values from just past ``current`` to the bound, nearest first; for a switch, off then as
    it is."""
    lo, hi = bounds(name)
    if direction == "off":
        return np.array([0.0, current])
    if direction == "up":
        values = grid(name, current, hi, SEARCH_POINTS) if current < hi else np.array([])
        return values[values > current]
    values = grid(name, lo, current, SEARCH_POINTS)[::-1] if current > lo else np.array([])
    return values[values < current]


def _rounded(base, rules: list[str], current: np.ndarray, outside: np.ndarray, found: np.ndarray) -> dict:
    """Each bracket's passing end rounded to its rule's step on the passing side, then checked
    with its neighbours by the engine, every rule in one evaluation."""
    n = len(NEIGHBOURS)
    candidates = np.array(
        [
            _candidates(r, v) if f else np.full(n, np.nan)
            for r, v, f in zip(rules, outside, found, strict=True)
        ]
    )
    names = np.repeat(np.array([FIXES[r][0] for r in rules], dtype=object)[found], n)
    ok, verdict = _passes(base, names, candidates[found].ravel()) if found.any() else ([], [])
    rows = {}
    for k, rule in enumerate(rules):
        if not found[k]:
            rows[rule] = _row(rule, current[k], np.nan, np.nan, False, False, NO_STRATEGY, FIXES[rule][3])
            continue
        at = n * int(found[:k].sum())
        rows[rule] = _first_passing(rule, current[k], candidates[k], ok[at : at + n], verdict[at : at + n])
    return rows


def _candidates(rule: str, outside: float) -> np.ndarray:
    """The passing end rounded to the rule's step on the passing side, and its neighbours."""
    name, direction, step, _ = FIXES[rule]
    lo, hi = bounds(name)
    sign = 1 if direction == "up" else -1
    value = np.ceil(outside / step - 1e-9) * step if sign > 0 else np.floor(outside / step + 1e-9) * step
    value = float(np.clip(value, lo, hi))
    return np.clip(value + sign * step * NEIGHBOURS, lo, hi)


def _first_passing(rule: str, current: float, candidates, ok, verdict) -> dict:
    """The row of the nearest candidate to the scenario that passes, past the first: the value
    and the one a step short of it (the last candidate if none passes)."""
    sign = 1 if FIXES[rule][1] == "up" else -1
    first = next((k for k in range(1, len(candidates)) if ok[k]), len(candidates) - 1)
    value, before, before_ok = float(candidates[first]), float(candidates[first - 1]), bool(ok[first - 1])
    if sign * (before - current) < 0:  # one step short is the scenario itself, where none passes
        before, before_ok = current, False
    passes = bool(ok[first])
    return _row(
        rule, current, value, before, passes, passes and not before_ok, int(verdict[first]), FIXES[rule][3]
    )


def _row(rule, current, value, before, found, verified, strategy, phrase) -> dict:
    name, direction, _, _ = FIXES[rule]
    text = (
        phrase.format(value=value, delta=value - current)
        if found
        else f"no change to {label(name).lower()} alone, within its allowed range, lets a strategy pass"
    )
    return {
        "rule": rule,
        "input": name,
        "direction": direction,
        "current": current,
        "value": value,
        "before": before,
        "found": found,
        "verified": verified,
        "strategy": STRATEGIES[strategy] if found and strategy != NO_STRATEGY else None,
        "text": text,
    }

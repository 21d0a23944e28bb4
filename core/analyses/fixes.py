"""What would make a strategy feasible when none is: the smallest single change per blocking rule.

Each hard rule that blocks a strategy and names an input in ``core.model.rules.FIXES`` is searched
over that input alone, from the scenario's value towards the bound in the rule's direction: a
grid first (one vectorised evaluation for every rule), then bisection on every bracket at once,
then the value rounded to the rule's step on the side that passes. Both sides of the reported
value are evaluated by the engine: at ``value`` a strategy passes every rule, at ``before`` (one
step short) none does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.analyses.ranges import grid
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
BISECTIONS = 60  # halvings of each bracket: well below any step
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
    numeric = [r for r in rules if FIXES[r][1] != "off"]
    rows = {r: _flag_fix(base, r) for r in rules if FIXES[r][1] == "off"}
    rows |= _numeric_fixes(base, numeric)
    return pd.DataFrame([rows[r] for r in rules], columns=list(FIX_COLUMNS))


def _passes(base, names: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(passes, strategy index) of each variation: some strategy passes every rule."""
    ev = evaluate_variations(base, names, values)
    return ev.verdict != NO_STRATEGY, ev.verdict


def _flag_fix(base, rule: str) -> dict:
    name, _, _, phrase = FIXES[rule]
    current = float(base[name][0])
    ok, verdict = _passes(base, np.array([name, name], dtype=object), np.array([0.0, current]))
    return _row(rule, current, 0.0, current, bool(ok[0]), bool(ok[0] and not ok[1]), int(verdict[0]), phrase)


def _numeric_fixes(base, rules: list[str]) -> dict[str, dict]:
    if not rules:
        return {}
    names = [FIXES[r][0] for r in rules]
    current = np.array([float(base[n][0]) for n in names])
    grids = [_search_grid(n, FIXES[r][1], c) for r, n, c in zip(rules, names, current, strict=True)]
    sizes = np.array([len(g) for g in grids])
    ok, _ = _passes(base, np.repeat(np.array(names, dtype=object), sizes), np.concatenate(grids))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    inside, outside, found = current.copy(), current.copy(), np.zeros(len(rules), dtype=bool)
    for k, (g, start) in enumerate(zip(grids, starts, strict=True)):
        hits = np.flatnonzero(ok[start : start + len(g)])
        if len(hits):
            found[k], outside[k] = True, g[hits[0]]
            inside[k] = g[hits[0] - 1] if hits[0] > 0 else current[k]
    steps = np.array([FIXES[r][2] for r in rules])
    inside, outside = _bisect(base, np.array(names, dtype=object), inside, outside, found, steps)
    return {r: _rounded(base, r, current[k], outside[k], bool(found[k])) for k, r in enumerate(rules)}


def _search_grid(name: str, direction: str, current: float) -> np.ndarray:
    """Values from just past ``current`` to the bound, nearest first."""
    lo, hi = bounds(name)
    if direction == "up":
        values = grid(name, current, hi, SEARCH_POINTS) if current < hi else np.array([])
        return values[values > current]
    values = grid(name, lo, current, SEARCH_POINTS)[::-1] if current > lo else np.array([])
    return values[values < current]


def _bisect(base, names, inside, outside, found, steps) -> tuple[np.ndarray, np.ndarray]:
    """Narrow every bracket (inside: no strategy passes; outside: one does) at once, until each
    is far narrower than its rule's step."""
    for _ in range(BISECTIONS):
        if not (found & (np.abs(outside - inside) > steps / 64)).any():
            break
        mid = (inside + outside) / 2
        ok, _ = _passes(base, names[found], mid[found])
        passes = np.zeros(len(names), dtype=bool)
        passes[found] = ok
        outside = np.where(found & passes, mid, outside)
        inside = np.where(found & ~passes, mid, inside)
    return inside, outside


def _rounded(base, rule: str, current: float, outside: float, found: bool) -> dict:
    """The bracket's passing end rounded to the rule's step on the passing side, then checked on
    both sides by the engine."""
    name, direction, step, phrase = FIXES[rule]
    if not found:
        return _row(rule, current, np.nan, np.nan, False, False, NO_STRATEGY, phrase)
    lo, hi = bounds(name)
    sign = 1 if direction == "up" else -1
    value = np.ceil(outside / step - 1e-9) * step if sign > 0 else np.floor(outside / step + 1e-9) * step
    value = float(np.clip(value, lo, hi))
    # the rounded value and its neighbours, nearest the scenario first: the first that passes wins
    candidates = np.clip(value + sign * step * np.arange(-2, 2), lo, hi)
    ok, verdict = _passes(base, np.array([name] * len(candidates), dtype=object), candidates)
    first = next((k for k in range(1, len(candidates)) if ok[k]), len(candidates) - 1)
    value, before, before_ok = float(candidates[first]), float(candidates[first - 1]), bool(ok[first - 1])
    if sign * (before - current) < 0:  # one step short is the scenario itself, where none passes
        before, before_ok = current, False
    ok, verdict = ok[first : first + 1], verdict[first : first + 1]
    ok = np.array([ok[0], False, before_ok])
    return _row(rule, current, value, before, bool(ok[0]), bool(ok[0] and not ok[2]), int(verdict[0]), phrase)


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

"""Scenario inputs as numpy columns, and the (N, 4) layout of one figure per strategy.

Inputs are *columns*: a mapping from field name (see ``core.model.fields.FIELDS``) to a scalar or a
1-D array; arrays broadcast against each other. Outputs are arrays of shape (N, 4), one column
per strategy in ``STRATEGIES`` order, in USD, ms, days or fractions as their names say.

Inside the engine the layout is turned around: a column is (1, N), a figure per strategy (4, N),
so every numpy loop runs over the N scenarios (a loop over 4 strategies per scenario is ~10x
slower); the results are handed out as their (N, 4) transposes, views that cost nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from core.model import strategies
from core.model.fields import CHOICES, FIELDS

Columns = Mapping[str, Any]


def to_columns(flat: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Numeric columns from a flat scenario (choices become codes, text is dropped)."""
    cols: dict[str, np.ndarray] = {}
    for name, value in flat.items():
        if name in CHOICES:
            cols[name] = _encode(name, value)
        elif FIELDS[name][1].annotation is not str:
            cols[name] = np.atleast_1d(np.asarray(value, dtype=float))
    return cols


def _encode(name: str, value: Any) -> np.ndarray:
    options = CHOICES[name]
    values = np.atleast_1d(np.asarray(value))
    if values.dtype.kind in "fiu":
        return values.astype(float)
    return np.array([options.index(v) for v in values], dtype=float)


# The strategy flags in the engine's layout: (4, 1), one row per strategy.
FINE_TUNED = strategies.FINE_TUNED.reshape(-1, 1)
USES_RETRIEVAL = strategies.USES_RETRIEVAL.reshape(-1, 1)


def column(cols: Columns, name: str) -> np.ndarray:
    """A column as a (1, N) float array so it broadcasts against the 4 strategies (4, 1)."""
    return np.asarray(cols[name], dtype=float).reshape(1, -1)


def per_strategy(*values: np.ndarray) -> np.ndarray:
    """Four (1, N) or (1, 1) arrays stacked as one (4, N) array, in strategy order."""
    shape = np.broadcast(*values).shape  # (np.broadcast_shapes is ~20x slower on small arrays)
    height = shape[0]
    out = np.empty((height * len(values), *shape[1:]), dtype=np.result_type(*values))
    for i, value in enumerate(values):  # one write per strategy, no broadcast copies first
        out[i * height : (i + 1) * height] = value
    return out


# Reductions over the 4 strategies of (4, N) arrays, one whole-row operation per strategy.


def strategy_any(flags: np.ndarray) -> np.ndarray:
    """(4, N) bool -> (N,) bool: True where any strategy's flag is set (``flags.any(axis=0)``)."""
    out = flags[0].copy()
    for row in flags[1:]:
        out |= row
    return out


def strategy_min(values: np.ndarray) -> np.ndarray:
    """(4, N) -> (N,): each scenario's smallest value, NaN if it holds one (``values.min(axis=0)``)."""
    out = values[0].copy()
    for row in values[1:]:
        np.minimum(out, row, out=out)
    return out


def strategy_argmin(values: np.ndarray) -> np.ndarray:
    """(4, N) -> (N,) index of each scenario's smallest value, the first one on a tie or a NaN
    (``np.argmin(values, axis=0)``)."""
    best = values[0].copy()
    index = np.zeros(values.shape[1], dtype=np.intp)
    best_nan = np.isnan(best)
    for j in range(1, len(values)):
        value = values[j]
        value_nan = np.isnan(value)
        better = (value < best) | (value_nan & ~best_nan)
        index[better] = j
        best[better] = value[better]
        best_nan |= value_nan
    return index

"""Scenario inputs as numpy columns, and the (N, 4) layout of one figure per strategy.

Inputs are *columns*: a mapping from field name (see ``core.model.fields.FIELDS``) to a scalar or a
1-D array; arrays broadcast against each other. Outputs are arrays of shape (N, 4), one column
per strategy in ``STRATEGIES`` order, in USD, ms, days or fractions as their names say.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

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


def column(cols: Columns, name: str) -> np.ndarray:
    """A column as a (N, 1) float array so it broadcasts against the 4 strategies."""
    return np.asarray(cols[name], dtype=float).reshape(-1, 1)


def per_strategy(*values: np.ndarray) -> np.ndarray:
    """Four (N, 1) or (1, 1) arrays side by side as one (N, 4) array, in strategy order."""
    shape = np.broadcast_shapes(*(np.shape(v) for v in values))
    width = shape[-1]
    out = np.empty((*shape[:-1], width * len(values)), dtype=np.result_type(*values))
    for i, value in enumerate(values):  # one write per strategy, no broadcast copies first
        out[..., i * width : (i + 1) * width] = value
    return out


# numpy reduces along a short last axis (4 strategies) element by element, ~20x slower than a
# few whole-column operations; these give the same results column by column.


def row_any(flags: np.ndarray) -> np.ndarray:
    """(N, 4) bool -> (N,) bool: True where any strategy's flag is set (``flags.any(axis=1)``)."""
    flags = np.ascontiguousarray(flags, dtype=bool)
    if flags.shape[1] == 4:  # a row of 4 bools is one 4-byte word: nonzero iff any is set
        return flags.view(np.uint32)[:, 0] != 0
    return flags.any(axis=1)


def row_min(values: np.ndarray) -> np.ndarray:
    """(N, k) -> (N,): each row's smallest value, NaN if the row holds one (``values.min(axis=1)``)."""
    out = values[:, 0].copy()
    for j in range(1, values.shape[1]):
        np.minimum(out, values[:, j], out=out)
    return out


def row_argmin(values: np.ndarray) -> np.ndarray:
    """(N, k) -> (N,) index of each row's smallest value, the first one on a tie or a NaN
    (``np.argmin(values, axis=1)``)."""
    best = values[:, 0].copy()
    index = np.zeros(len(values), dtype=np.intp)
    best_nan = np.isnan(best)
    for j in range(1, values.shape[1]):
        value = values[:, j]
        value_nan = np.isnan(value)
        better = (value < best) | (value_nan & ~best_nan)
        index[better] = j
        best[better] = value[better]
        best_nan |= value_nan
    return index

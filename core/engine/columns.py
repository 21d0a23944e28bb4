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

"""Knowledge freshness across update cadences: each strategy's staleness as the cadence varies,
the rest of the scenario held. One vectorised evaluation, for the Explorer's freshness chart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from core.engine.columns import to_columns
from core.engine.costs import compute_costs
from core.model.fields import bounds
from core.model.rules import QUARTERLY
from core.model.strategies import DAYS_PER_MONTH, STRATEGIES

CADENCE_POINTS = 121  # log-spaced between the smallest visible cadence and the slider's top
LOWEST_CADENCE = 0.05  # updates/month: about once in 20 months, below yearly


def cadence_grid(current: float, points: int = CADENCE_POINTS) -> np.ndarray:
    """Sorted update cadences, updates/month: 0 (static knowledge), log-spaced values up to the
    slider's top, and the exact points where the picture can jump (quarterly, ``current``)."""
    _, top = bounds("updates_per_month")
    grid = np.geomspace(LOWEST_CADENCE, top, points)
    return np.unique(np.concatenate([[0.0, QUARTERLY, float(current)], grid]))


def freshness_curve(flat: Mapping[str, Any], points: int = CADENCE_POINTS) -> pd.DataFrame:
    """Staleness per strategy across update cadences.

    Equation: ``core.engine.performance.stale_days`` evaluated with ``updates_per_month`` set to
    each value of ``cadence_grid`` (retrain rates follow the cadence as in the engine).

    Shapes: a flat scenario -> (points' + 1) x 4 rows, long format.

    Returns:
        DataFrame with columns updates_per_month (updates/month), strategy, stale_days (days
        before an update shows in answers; prompting never sees one: horizon_months x 30) and
        current (bool: the scenario's own cadence).
    """
    current = float(flat["updates_per_month"])
    cadences = cadence_grid(current, points)
    cols = to_columns(flat) | {"updates_per_month": cadences}
    stale = compute_costs(cols).stale_days  # (K, 4)
    return pd.DataFrame(
        {
            "updates_per_month": np.repeat(cadences, len(STRATEGIES)),
            "strategy": np.tile(STRATEGIES, len(cadences)),
            "stale_days": stale.ravel(),
            "current": np.repeat(cadences == current, len(STRATEGIES)),
        }
    )


def never_days(flat: Mapping[str, Any]) -> float:
    """The staleness that means "never updated" (prompting alone): the horizon in days."""
    return float(flat["horizon_months"]) * DAYS_PER_MONTH

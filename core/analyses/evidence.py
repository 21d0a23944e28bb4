"""The team's own eval results: can the eval set tell two strategies apart, and if not, about how
many more items would?"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from core.engine.performance import Z_95
from core.model.scenario import Scenario
from core.model.strategies import LABELS, STRATEGIES

EVIDENCE_COLUMNS = ("a", "b", "accuracy_a", "accuracy_b", "separated", "items_needed", "more_items", "text")


def items_to_separate(p_a: np.ndarray, p_b: np.ndarray, z: float = Z_95) -> np.ndarray:
    """Eval items per strategy for a difference p_a - p_b to clear its 95% margin, items.

    Equation:
        n = ceil(z^2 (p_a (1 - p_a) + p_b (1 - p_b)) / (p_a - p_b)^2)  (inf where p_a == p_b)

    Shapes: p_a and p_b broadcasting -> the broadcast shape.

    Source: the normal approximation to two independent proportions (no power term: "about").
    """
    p_a, p_b = np.asarray(p_a, dtype=float), np.asarray(p_b, dtype=float)
    variance = p_a * (1 - p_a) + p_b * (1 - p_b)
    gap = (p_a - p_b) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        n = np.where(gap > 0, np.ceil(z**2 * np.maximum(variance, 1e-12) / np.where(gap > 0, gap, 1)), np.inf)
    return n


def separation(scenario: Scenario) -> pd.DataFrame:
    """One row per pair of strategies that both have eval results: a, b, accuracy_a, accuracy_b
    (correct / total), separated (their difference clears its 95% margin), items_needed (per
    strategy, about), more_items (beyond the larger of the two sets), text."""
    flat = scenario.flat()
    measured = [s for s in STRATEGIES if flat[f"{s}_eval_total"] > 0]
    rows = []
    for a, b in combinations(measured, 2):
        n_a, n_b = flat[f"{a}_eval_total"], flat[f"{b}_eval_total"]
        p_a, p_b = flat[f"{a}_eval_correct"] / n_a, flat[f"{b}_eval_correct"] / n_b
        margin = Z_95 * np.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
        separated = bool(abs(p_a - p_b) > margin)
        needed = float(items_to_separate(p_a, p_b))
        more = 0.0 if separated else max(needed - max(n_a, n_b), 1.0)
        rows.append((a, b, p_a, p_b, separated, needed, more, _text(a, b, p_a, p_b, separated, needed, more)))
    return pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))


def _text(a: str, b: str, p_a: float, p_b: float, separated: bool, needed: float, more: float) -> str:
    pair = f"{LABELS[a]} ({p_a:.1%}) and {LABELS[b]} ({p_b:.1%})"
    if separated:
        return f"The eval set separates {pair} at 95%."
    if not np.isfinite(needed):
        return f"The eval set cannot separate {pair}: they score the same, and more items would not tell them apart."
    return (
        f"The eval set is too small to separate {pair}: about {more:,.0f} more items for each "
        f"(about {needed:,.0f} per strategy) would, if the rates hold."
    )

"""Payback: when the recommended strategy's cumulative cost crosses the runner-up's, what it saves
a year, or that it never pays back within the horizon. One sentence, from the month-by-month
cumulative costs (``Analysis.timeline``)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from core.model.strategies import LABELS, STRATEGIES

MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Payback:
    """The recommended strategy against its runner-up, month by month."""

    strategy: str
    rival: str  # the cheapest other strategy that passes every rule (else the cheapest other)
    rival_passes_rules: bool
    month: int | None  # first month from which the strategy stays cheaper (0: from the start)
    saving_per_year_usd: float  # rival's monthly cost minus the strategy's, x 12 (< 0: costs more)
    horizon_saving_usd: float  # rival's cumulative cost at the horizon minus the strategy's
    horizon_months: int
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def crossing_month(saving: np.ndarray) -> int | None:
    """First month m with ``saving[m:] >= 0`` (the strategy cheaper from then on), None if the
    strategy is dearer at the horizon.

    Shapes: saving (M + 1,) USD, the rival's cumulative cost minus the strategy's, month 0 first.
    """
    behind = np.flatnonzero(saving < 0)
    if behind.size == 0:
        return 0
    last = int(behind[-1])
    return None if last == len(saving) - 1 else last + 1


def payback(
    cumulative: np.ndarray, monthly: np.ndarray, feasible: np.ndarray, winner: int, horizon_months: int
) -> Payback | None:
    """The payback of strategy ``winner`` against its runner-up.

    Equation:
        saving(m) = cumulative_rival(m) - cumulative_winner(m)
        month = first m with saving(m') >= 0 for every m' >= m (None if saving(horizon) < 0)
        saving_per_year_usd = (monthly_rival - monthly_winner) * 12

    Shapes: cumulative (4, M + 1) USD, monthly (4,) USD/month, feasible (4,) bool.

    Returns None when ``winner`` is not a strategy (no recommendation).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (Total Cost of Customization, month by month).
    """
    if not 0 <= winner < len(STRATEGIES):
        return None
    cost = cumulative[:, -1].astype(float)
    others = np.arange(len(STRATEGIES)) != winner
    pool = others & feasible if (others & feasible).any() else others
    rival = int(np.argmin(np.where(pool, cost, np.inf)))
    saving = cumulative[rival] - cumulative[winner]
    month = crossing_month(saving)
    per_year = float(monthly[rival] - monthly[winner]) * MONTHS_PER_YEAR
    result = Payback(
        strategy=STRATEGIES[winner],
        rival=STRATEGIES[rival],
        rival_passes_rules=bool(feasible[rival]),
        month=month,
        saving_per_year_usd=per_year,
        horizon_saving_usd=float(saving[-1]),
        horizon_months=int(horizon_months),
        sentence="",
    )
    return Payback(**(asdict(result) | {"sentence": sentence(result, float(saving[0]))}))


def _usd(value: float) -> str:
    return f"${abs(value):,.0f}"


def sentence(p: Payback, start_saving: float) -> str:
    """The payback in plain words; ``start_saving`` is the month-0 (one-off) saving, USD."""
    text = _plain(p, start_saving)
    if p.rival_passes_rules:
        return text
    return f"{text} {LABELS[p.rival]} fails a rule: no other strategy passes them all."


def _plain(p: Payback, start_saving: float) -> str:
    me, other = LABELS[p.strategy], LABELS[p.rival]
    horizon = f"the {p.horizon_months}-month horizon"
    yearly = f"{_usd(p.saving_per_year_usd)} a year"
    if p.month is None:
        text = f"{me} never pays back against {other} within {horizon}: it costs {_usd(p.horizon_saving_usd)} more"
        if p.saving_per_year_usd > 0:
            months = math.ceil(-start_saving / (p.saving_per_year_usd / MONTHS_PER_YEAR))
            text += f"; at {yearly} saved it would pay back in about month {months}"
        return text + "."
    total = f"{_usd(p.horizon_saving_usd)} over {horizon}"
    if p.saving_per_year_usd < 0:
        return (
            f"{me} costs {_usd(p.horizon_saving_usd)} less than {other} over {horizon}, thanks to its "
            f"lower start-up cost, though it costs {yearly} more to run."
        )
    if p.month == 0:
        return f"{me} costs less than {other} from the start: it saves {yearly}, {total}."
    return f"{me} pays back against {other} in month {p.month}: from then on it saves {yearly}, {total}."

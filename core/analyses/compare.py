"""Several named scenarios side by side, evaluated in one vectorised call, and one CSV of all."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from core.engine.analysis import Evaluation, analyse, evaluate
from core.engine.columns import to_columns
from core.io.csv_files import results_csv
from core.model.errors import ScenarioError
from core.model.fields import HEADLINE
from core.model.names import check_name
from core.model.rules import FIT_TIERS
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES

MAX_SCENARIOS = 50  # a comparison people can read; the CSV holds 4 rows per scenario
MAX_NAME = 200  # characters of a scenario's name: a preset title or a name typed on the page
FIGURES = ("horizon_cost_usd", "monthly_cost_usd", "one_off_cost_usd", "latency_ms", "expected_accuracy")


def _check(named: Mapping[str, Scenario]) -> None:
    if not named:
        raise ScenarioError("compare: pick at least one scenario")
    if len(named) > MAX_SCENARIOS:
        raise ScenarioError(f"compare: {len(named)} scenarios is too many (at most {MAX_SCENARIOS})")
    blank = [n for n in named if not str(n).strip()]
    if blank:
        raise ScenarioError("compare: every scenario needs a name")
    for name in named:
        check_name("compare: scenario name", str(name), MAX_NAME)


def _evaluate(named: Mapping[str, Scenario]) -> Evaluation:
    _check(named)
    flats = [to_columns(s.flat()) for s in named.values()]
    return evaluate({k: np.concatenate([f[k] for f in flats]) for k in flats[0]})


def compare_long(named: Mapping[str, Scenario]) -> pd.DataFrame:
    """One row per scenario and strategy: scenario, strategy, recommended, feasible, fit_tier
    and the figures of ``FIGURES`` (USD, USD/month, ms, fraction as named)."""
    ev, n = _evaluate(named), len(named)
    frame = pd.DataFrame(
        {
            "scenario": np.repeat(list(named), len(STRATEGIES)),
            "strategy": np.tile(STRATEGIES, n),
            "recommended": (ev.verdict[:, None] == np.arange(len(STRATEGIES))).ravel(),
            "feasible": ev.feasible.ravel(),
            "fit_tier": np.asarray(FIT_TIERS)[ev.tiers].ravel(),
        }
    )
    for name in FIGURES:
        frame[name] = getattr(ev.costs, name).ravel()
    return frame


def compare_table(named: Mapping[str, Scenario]) -> pd.DataFrame:
    """One row per scenario: recommended strategy, fit tier, the headline inputs, horizon
    months, each strategy's horizon cost (USD), and margin_pct: how much more the cheapest
    other feasible strategy costs than the recommendation, in % (NaN with no rival)."""
    ev = _evaluate(named)
    rows = np.arange(len(named))
    frame = pd.DataFrame({"scenario": list(named), "recommended": ev.verdict_names(),
                          "fit_tier": np.asarray(FIT_TIERS)[ev.tiers[rows, ev.winner]]})  # fmt: skip
    for key in (*HEADLINE, "horizon_months"):
        frame[key] = [s.flat()[key] for s in named.values()]
    frame = frame.assign(**ev.horizon_cost_columns())
    frame["margin_pct"] = ev.margin * 100
    return frame


def compare_csv(named: Mapping[str, Scenario]) -> str:
    """One CSV of every scenario: its name, then ``evaluate --format csv``'s row per strategy
    (results and every input). Text cells are neutralised against formula injection."""
    _check(named)
    rows = [{"scenario": name} | row for name, s in named.items() for row in analyse(s).export_rows()]
    return results_csv(rows)

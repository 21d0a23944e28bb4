"""The public entry points: ``evaluate`` (vectorised) and ``analyse`` (one scenario, as tables)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from core.engine.columns import Columns, to_columns
from core.engine.costs import Costs, compute_costs
from core.engine.decision import NO_STRATEGY, choose, fit_tiers, hard_constraints, margin, verdict
from core.engine.drivers import retrains_through
from core.engine.reasons import Recommendation, explain
from core.model.fields import bounds
from core.model.rules import FIT_TIERS, HARD_RULES
from core.model.scenario import Scenario
from core.model.strategies import MONTHLY_COMPONENTS, ONE_OFF_COMPONENTS, STRATEGIES


@dataclass(frozen=True)
class Evaluation:
    """Vectorised results: arrays (N, 4) per strategy, or (N,) per scenario."""

    costs: Costs
    blocked: dict[str, np.ndarray]  # rule -> (N, 4) bool
    feasible: np.ndarray  # (N, 4) bool
    winner: np.ndarray  # (N,) index into STRATEGIES: the recommendation, or the closest one
    verdict: np.ndarray  # (N,) index into STRATEGIES, or NO_STRATEGY (-1) where nothing passes
    margin: np.ndarray  # (N,) runner-up's extra horizon cost / winner's (NaN: no rival)
    tiers: np.ndarray  # (N, 4) index into FIT_TIERS

    def horizon_cost_columns(self) -> dict[str, np.ndarray]:
        """``horizon_cost_usd_<strategy>`` -> (N,) USD: one table column per strategy."""
        cost = self.costs.horizon_cost_usd
        return {f"horizon_cost_usd_{s}": cost[:, i] for i, s in enumerate(STRATEGIES)}

    def verdict_names(self) -> np.ndarray:
        """(N,) strategy name of the verdict, or "none" where no strategy passes every rule."""
        return np.where(self.verdict == NO_STRATEGY, "none", np.asarray(STRATEGIES)[self.winner])


def evaluate(cols: Columns) -> Evaluation:
    """Evaluate one scenario or many: ``cols`` maps field names to scalars or 1-D arrays."""
    costs = compute_costs(cols)
    blocked = hard_constraints(cols, costs)
    feasible = ~np.logical_or.reduce(list(blocked.values()))
    tiers = fit_tiers(cols)
    winner = choose(cols, costs, blocked, tiers)
    return Evaluation(
        costs=costs,
        blocked=blocked,
        feasible=feasible,
        winner=winner,
        verdict=verdict(feasible, winner),
        margin=margin(costs, feasible, winner),
        tiers=tiers,
    )


@dataclass(frozen=True)
class Analysis:
    """One scenario evaluated, with the tables the pages and the CLI show."""

    scenario: Scenario
    evaluation: Evaluation
    recommendation: Recommendation

    @property
    def flat(self) -> dict[str, Any]:
        return self.scenario.flat()

    @cached_property
    def strategies(self) -> pd.DataFrame:
        """One row per strategy with the headline figures (the JSON ``strategies`` list)."""
        ev, c = self.evaluation, self.evaluation.costs
        rows = []
        for i, s in enumerate(STRATEGIES):
            rows.append(
                {
                    "strategy": s,
                    "feasible": bool(ev.feasible[0, i]),
                    "blocked_by": [r for r in HARD_RULES if ev.blocked[r][0, i]],
                    "monthly_cost_usd": float(c.monthly_cost_usd[0, i]),
                    "one_off_cost_usd": float(c.one_off_cost_usd[0, i]),
                    "cost_per_query_usd": float(c.cost_per_query_usd[0, i]),
                    "horizon_cost_usd": float(c.horizon_cost_usd[0, i]),
                    "latency_ms": float(c.latency_ms[0, i]),
                    "meets_latency_budget": not bool(ev.blocked["latency_budget"][0, i]),
                    "expected_accuracy": float(c.expected_accuracy[0, i]),
                    "accuracy_low": float(c.accuracy_low[0, i]),
                    "accuracy_high": float(c.accuracy_high[0, i]),
                    "accuracy_measured": bool(c.accuracy_measured[0, i]),
                    "meets_accuracy_target": not bool(ev.blocked["accuracy_target"][0, i]),
                    "stale_days": float(c.stale_days[0, i]),
                    "retrains_per_month": float(c.retrain_rate[0, i]),
                    "fit_tier": FIT_TIERS[ev.tiers[0, i]],
                }
            )
        return pd.DataFrame(rows)

    @cached_property
    def components(self) -> pd.DataFrame:
        """Long table: strategy, component, kind (monthly USD/month or one_off USD), usd."""
        c = self.evaluation.costs
        rows = [
            (s, comp, kind, float(table[comp][0, i]))
            for kind, table, names in (
                ("monthly", c.monthly, MONTHLY_COMPONENTS),
                ("one_off", c.one_off, ONE_OFF_COMPONENTS),
            )
            for comp in names
            for i, s in enumerate(STRATEGIES)
        ]
        return pd.DataFrame(rows, columns=["strategy", "component", "kind", "usd"])

    @cached_property
    def timeline(self) -> pd.DataFrame:
        """Month by month (0 = one-off costs): retrains, monthly and cumulative cost per strategy."""
        c = self.evaluation.costs
        months = np.arange(self.scenario.workload.horizon_months + 1)
        done = retrains_through(c.retrain_rate[0][:, None], months[None, :])  # (4, M+1)
        retrains = np.diff(done, axis=1, prepend=0)
        monthly = np.where(months > 0, c.recurring_usd[0][:, None], 0) + retrains * c.run_cost_usd[0, 0]
        cumulative = c.one_off_cost_usd[0][:, None] + np.cumsum(monthly, axis=1)
        return pd.DataFrame(
            {
                "month": np.tile(months, len(STRATEGIES)),
                "strategy": np.repeat(STRATEGIES, len(months)),
                "retrains": retrains.ravel().astype(int),
                "monthly_cost_usd": monthly.ravel(),
                "cumulative_cost_usd": cumulative.ravel(),
            }
        )

    def volume_curve(self, points: int = 61) -> pd.DataFrame:
        """Monthly cost per strategy across the whole queries_per_day range (log-spaced)."""
        lo, hi = bounds("queries_per_day")
        volumes = np.geomspace(lo, hi, points)
        cols = to_columns(self.flat) | {"queries_per_day": volumes}
        monthly = compute_costs(cols).monthly_cost_usd
        return pd.DataFrame(
            {
                "queries_per_day": np.repeat(volumes, len(STRATEGIES)),
                "strategy": np.tile(STRATEGIES, points),
                "monthly_cost_usd": monthly.ravel(),
            }
        )

    def break_evens(self) -> pd.DataFrame:
        """Volumes (queries/day, in the slider's range) where two strategies' monthly costs
        cross. Monthly cost is linear in volume, so two evaluations give each line exactly."""
        lo, hi = bounds("queries_per_day")
        cols = to_columns(self.flat) | {"queries_per_day": np.array([lo, hi])}
        m = compute_costs(cols).monthly_cost_usd
        slope = (m[1] - m[0]) / (hi - lo)
        fixed = m[0] - slope * lo
        rows = []
        for i in range(len(STRATEGIES)):
            for j in range(i + 1, len(STRATEGIES)):
                if np.isclose(slope[i], slope[j], rtol=1e-12, atol=0):
                    continue
                q = (fixed[j] - fixed[i]) / (slope[i] - slope[j])
                if lo <= q <= hi:
                    rows.append((STRATEGIES[i], STRATEGIES[j], float(q), float(fixed[i] + slope[i] * q)))
        return pd.DataFrame(rows, columns=["strategy_a", "strategy_b", "queries_per_day", "monthly_cost_usd"])

    def export_rows(self) -> list[dict[str, Any]]:
        """One row per strategy: the results, the recommendation, then every input."""
        flat, chosen = self.flat, self.recommendation.verdict  # "none": no row is recommended
        return [
            {"strategy": row["strategy"], "recommended": row["strategy"] == chosen} | row | flat
            for row in self.strategies.to_dict(orient="records")
        ]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``python -m core evaluate``."""
        rec = self.recommendation
        return {
            "scenario": self.scenario.model_dump(),
            "strategies": self.strategies.to_dict(orient="records"),
            "recommendation": {
                "strategy": rec.strategy if rec.feasible else None,
                "feasible": rec.feasible,
                "closest": None if rec.feasible else rec.strategy,
                "headline": rec.headline,
                "weak_fit": rec.weak_fit,
                "fit_tier": rec.fit_tier,
                "reasons": [r.__dict__ for r in rec.reasons],
            },
        }


def analyse(scenario: Scenario) -> Analysis:
    """Evaluate one scenario and explain the recommendation."""
    flat = scenario.flat()
    ev = evaluate(to_columns(flat))
    rec = explain(flat, ev.costs, ev.blocked, int(ev.winner[0]), ev.tiers)
    return Analysis(scenario=scenario, evaluation=ev, recommendation=rec)

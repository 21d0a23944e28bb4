"""The public entry points: ``evaluate`` (vectorised) and ``analyse`` (one scenario, as tables)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from core.engine.columns import Columns, to_columns
from core.engine.costs import Costs, columns_of, compute_costs, costs_of
from core.engine.decision import (
    NO_STRATEGY,
    choose,
    count_blocks,
    fit_tiers,
    hard_constraints,
    margin,
    prompt_tokens,
    verdict,
)
from core.engine.drivers import retrains_through
from core.engine.payback import Payback, payback
from core.engine.reasons import Recommendation, explain
from core.model.fields import bounds
from core.model.rules import FIT_TIERS, HARD_RULES, RULES, reason_citation, reason_sources
from core.model.scenario import Scenario
from core.model.strategies import MONTHLY_COMPONENTS, ONE_OFF_COMPONENTS, STRATEGIES

VOLUME_POINTS = 31  # 5 a decade over the slider's 6: a smooth line, and no more points than a chart needs


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
    c = columns_of(cols)
    costs = costs_of(c)
    blocked = hard_constraints(c, costs)
    n_blocks = count_blocks(blocked)
    feasible = n_blocks == 0
    tiers = fit_tiers(c)
    winner = choose(c, costs, blocked, tiers, n_blocks)
    return Evaluation(
        costs=costs,
        blocked=blocked,
        feasible=feasible,
        winner=winner,
        verdict=verdict(feasible, winner),
        margin=margin(costs, feasible, winner),
        tiers=tiers,
    )


def price_estimates(flat: dict[str, Any]) -> list[bool]:
    """Per strategy, True where its cost rests on an estimated price: the fine-tuned strategies
    when the model has no published fine-tuned price (token pricing, no dedicated hosting) or no
    published training price (API training)."""
    tokens, api = flat["price_basis"] == "tokens", flat["training_method"] == "api"
    inference = flat["fine_tuned_price_estimated"] and tokens and not flat["dedicated_hosting"]
    tuned = bool(inference or (flat["training_price_estimated"] and api))
    return [s in ("fine_tune", "hybrid") and tuned for s in STRATEGIES]


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
        tokens, estimate = prompt_tokens(to_columns(self.flat))[0], price_estimates(self.flat)
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
                    "weeks_to_production": float(c.weeks_to_production[0, i]),
                    "people_one_off_usd": float(c.one_off["build"][0, i]),
                    "people_monthly_usd": float(
                        c.monthly["engineering"][0, i] + c.monthly["migration"][0, i]
                    ),
                    "fit_tier": FIT_TIERS[ev.tiers[0, i]],
                    "prompt_tokens": float(tokens[i]),
                    "context_window_tokens": float(self.flat["context_window_tokens"]),
                    "price_estimate": estimate[i],
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
        horizon = self.scenario.workload.horizon_months
        months = np.arange(horizon + 1)
        done = retrains_through(c.retrain_rate[0][:, None], months[None, :], horizon)  # (4, M+1)
        retrains = np.diff(done, axis=1, prepend=0)
        moves = np.diff(
            retrains_through(c.migration_rate[0][:, None], months[None, :], horizon), axis=1, prepend=0
        )
        monthly = (
            np.where(months > 0, c.recurring_usd[0][:, None], 0)
            + retrains * c.run_cost_usd[0, 0]
            + moves * c.migration_cost_usd[0, 0]
        )
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

    @cached_property
    def payback(self) -> Payback | None:
        """When the recommendation's cumulative cost crosses the runner-up's, in one sentence
        (None when there is no recommendation)."""
        ev, months = self.evaluation, self.scenario.workload.horizon_months
        if ev.verdict[0] == NO_STRATEGY:  # nothing passes: the closest strategy pays nothing back
            return None
        cumulative = self.timeline["cumulative_cost_usd"].to_numpy().reshape(len(STRATEGIES), months + 1)
        monthly = ev.costs.monthly_cost_usd[0]
        return payback(cumulative, monthly, ev.feasible[0], int(ev.winner[0]), months)

    def volume_curve(self, points: int = VOLUME_POINTS) -> pd.DataFrame:
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
        """One row per strategy: the results, the recommendation, the sources of the rules that
        block it (``blocked_by_sources``, cited for a reader), then every input."""
        flat, chosen = self.flat, self.recommendation.verdict  # "none": no row is recommended
        return [
            {"strategy": row["strategy"], "recommended": row["strategy"] == chosen}
            | row
            | {"blocked_by_sources": "; ".join(reason_citation(r, RULES[r][0]) for r in row["blocked_by"])}
            | flat
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
                "reasons": [cited(r) for r in rec.reasons],
            },
            "payback": self.payback.to_dict() if self.payback else None,
        }


def cited(reason: Any) -> dict[str, Any]:
    """A reason as JSON: its rule id and text, ``source`` as a reader's citation and ``sources``,
    one object per source with publisher, title, date, authors, year, arxiv and the sentence."""
    return {"rule": reason.rule, "text": reason.text,
            "source": reason_citation(reason.rule, reason.source, reason.text),
            "sources": reason_sources(reason.rule, reason.source, reason.text)}  # fmt: skip


def analyse(scenario: Scenario) -> Analysis:
    """Evaluate one scenario and explain the recommendation."""
    flat = scenario.flat()
    ev = evaluate(to_columns(flat))
    rec = explain(flat, ev.costs, ev.blocked, int(ev.winner[0]), ev.tiers)
    return Analysis(scenario=scenario, evaluation=ev, recommendation=rec)

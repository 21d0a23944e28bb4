"""The decision, vectorised: the hard constraints, the winner, how close the call is, fit tiers."""

from __future__ import annotations

import numpy as np

from core.engine.columns import Columns, column, per_strategy
from core.engine.costs import Costs
from core.engine.drivers import input_tokens
from core.model.rules import (
    HARD_RULES,
    MIN_EXAMPLES,
    faster_than_quarterly,
    over_context_window,
    possible_fit,
    strong_fit,
)
from core.model.strategies import FINE_TUNED, USES_RETRIEVAL


def hard_constraints(cols: Columns, costs: Costs) -> dict[str, np.ndarray]:
    """Rule id -> (N, 4) bool: True where the rule blocks that strategy.

    Equation:
        knowledge_gap_needs_retrieval = knowledge_gap  (prompt, fine_tune)
        knowledge_changes_faster_than_quarterly = updates_per_month > QUARTERLY  (prompt, fine_tune)
        citations_need_retrieval = citations_required  (prompt, fine_tune)
        behaviour_gap_needs_fine_tuning = behaviour_gap and not prompt_baseline_meets_target  (prompt, rag)
        too_few_examples = labeled_examples < MIN_EXAMPLES  (fine_tune, hybrid)
        latency_budget = latency_ms > latency_budget_ms
        context_window = input_tokens > context_window_tokens (where context_window_tokens > 0)
        deadline = deadline_weeks > 0 and weeks_to_production > deadline_weeks

    Shapes: columns (N, 1), costs (N, 4) -> rule -> (N, 4).

    Source: each rule's own, in the rules table.
    """
    updates, examples = column(cols, "updates_per_month"), column(cols, "labeled_examples")
    flag = {n: column(cols, n) > 0 for n in ("knowledge_gap", "citations_required", "behaviour_gap")}
    baseline_ok = column(cols, "prompt_baseline_meets_target") > 0
    no_retrieval, not_tuned = ~USES_RETRIEVAL, ~FINE_TUNED
    blocked = {
        "knowledge_gap_needs_retrieval": flag["knowledge_gap"] & no_retrieval,
        "knowledge_changes_faster_than_quarterly": faster_than_quarterly(updates) & no_retrieval,
        "citations_need_retrieval": flag["citations_required"] & no_retrieval,
        "behaviour_gap_needs_fine_tuning": flag["behaviour_gap"] & ~baseline_ok & not_tuned,
        "too_few_examples": (examples < MIN_EXAMPLES) & FINE_TUNED,
        "latency_budget": costs.latency_ms > column(cols, "latency_budget_ms"),
        "context_window": over_context_window(prompt_tokens(cols), column(cols, "context_window_tokens")),
        "deadline": (column(cols, "deadline_weeks") > 0)
        & (costs.weeks_to_production > column(cols, "deadline_weeks")),
    }
    shape = costs.horizon_cost_usd.shape
    return {rule: np.broadcast_to(blocked[rule], shape) for rule in HARD_RULES}


def prompt_tokens(cols: Columns) -> np.ndarray:
    """Each strategy's input tokens per query, (N, 4): ``drivers.input_tokens`` on the columns."""
    return input_tokens({name: column(cols, name) for name in cols})


def choose(cols: Columns, costs: Costs, blocked: dict[str, np.ndarray]) -> np.ndarray:
    """Index of the recommended strategy per scenario, (N,).

    Equation:
        winner = prompt if prompt_baseline_meets_target and prompt passes every hard constraint,
                 else argmin(horizon_cost_usd) among the strategies breaking the fewest hard
                 constraints (one that has too_few_examples never wins this fallback)

    Shapes: costs and blocked (N, 4) -> (N,).

    Source: Peter Olson, "RAG vs. Fine-Tuning: How I Actually Choose" (prompting first); KnowMBA
    Advisory, "Fine-Tuning vs RAG" (lowest Total Cost of Customization).
    """
    n_blocks = sum(b.astype(np.int8) for b in blocked.values())
    # When nothing is feasible, a strategy that cannot be built at all never wins the fallback.
    weight = n_blocks + 100 * blocked["too_few_examples"]
    fewest = weight == weight.min(axis=1, keepdims=True)
    winner = np.argmin(np.where(fewest, costs.horizon_cost_usd, np.inf), axis=1)
    prompt_first = (column(cols, "prompt_baseline_meets_target")[:, 0] > 0) & (n_blocks[:, 0] == 0)
    return np.where(prompt_first, 0, winner)


def margin(costs: Costs, feasible: np.ndarray, winner: np.ndarray) -> np.ndarray:
    """How close the call is, fraction (NaN where no other strategy is feasible).

    Equation:
        margin = (runner_up_horizon_cost - winner_horizon_cost) / winner_horizon_cost
        runner_up = the cheapest other feasible strategy

    Shapes: costs and feasible (N, 4), winner (N,) -> (N,).

    Source: assumption (a measure of how close the call is, for the decision map and Compare).
    """
    cost = np.where(feasible, costs.horizon_cost_usd, np.inf)
    rows = np.arange(cost.shape[0])
    best = costs.horizon_cost_usd[rows, winner]
    cost[rows, winner] = np.inf
    runner = cost.min(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (runner - best) / np.maximum(best, 1e-12)
    return np.where(np.isfinite(out), out, np.nan)


def fit_tiers(cols: Columns, blocked: dict[str, np.ndarray]) -> np.ndarray:
    """(N, 4) index into FIT_TIERS, after the KnowMBA "When Fine-Tuning Pays Off" table.

    Equation:
        fine_tune, hybrid: strong if strong_fit, possible if possible_fit, else unlikely
        prompt: strong if prompt_baseline_meets_target, else possible
        rag: strong if knowledge_gap or citations_required or updates faster than quarterly,
             else possible
        avoid wherever a hard constraint blocks the strategy
        strong_fit = behaviour_gap and behaviour_stable and labeled_examples > STRONG_FIT_EXAMPLES
                     and queries_per_day * DAYS_PER_YEAR > STRONG_FIT_QUERIES_PER_YEAR
        possible_fit = behaviour_gap and labeled_examples > POSSIBLE_FIT_EXAMPLES

    Shapes: columns (N, 1), blocked (N, 4) -> (N, 4).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" ("When Fine-Tuning Pays Off").
    """
    examples = column(cols, "labeled_examples")
    behaviour = column(cols, "behaviour_gap") > 0
    knowledge_need = (
        (column(cols, "knowledge_gap") > 0)
        | (column(cols, "citations_required") > 0)
        | faster_than_quarterly(column(cols, "updates_per_month"))
    )
    stable = column(cols, "behaviour_stable") > 0
    strong_ft = strong_fit(examples, behaviour, stable, column(cols, "queries_per_day"))
    tuned = np.where(strong_ft, 0, np.where(possible_fit(examples, behaviour), 1, 2))
    prompt = np.where(column(cols, "prompt_baseline_meets_target") > 0, 0, 1)
    rag = np.where(knowledge_need, 0, 1)
    tiers = per_strategy(prompt, rag, tuned, tuned)
    any_block = np.logical_or.reduce(list(blocked.values()))
    return np.where(any_block, 3, tiers)

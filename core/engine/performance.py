"""What each strategy is judged by beside cost: latency, expected accuracy, staleness.

``c`` is the scenario's columns as (N, 1) arrays; each result broadcasts to (N, 4).
"""

from __future__ import annotations

import numpy as np

from core.engine.columns import per_strategy
from core.engine.drivers import Cols
from core.model.rules import FULL_GAIN_EXAMPLES, MIN_EXAMPLES
from core.model.strategies import DAYS_PER_MONTH, DAYS_PER_WEEK, FINE_TUNED, STRATEGIES, USES_RETRIEVAL


def latency(c: Cols, in_tokens: np.ndarray) -> np.ndarray:
    """Answer latency, ms.

    Equation:
        latency_ms = generation_latency + prefill_ms_per_1k_tokens * in_tokens / 1000
                     + retrieval_latency_ms  (rag, hybrid)
        generation_latency = generation_latency_ms (prompt, rag) or
                             fine_tuned_generation_latency_ms (fine_tune, hybrid)

    Shapes: columns (N, 1), in_tokens (N, 4) -> (N, 4).

    Source: "RAG vs Fine-Tuning: How to choose the right approach for your AI product" (retrieval
    adds 200-800 ms); generation and prefill times are assumptions.
    """
    base, tuned = c["generation_latency_ms"], c["fine_tuned_generation_latency_ms"]
    gen = per_strategy(base, base, tuned, tuned)
    return gen + c["prefill_ms_per_1k_tokens"] * in_tokens / 1000 + USES_RETRIEVAL * c["retrieval_latency_ms"]


def accuracy(c: Cols) -> np.ndarray:
    """Expected accuracy, fraction 0 to 1.

    Equation:
        expected_accuracy = clip(baseline_accuracy
                                 + rag_accuracy_gain  (rag, hybrid)
                                 + fine_tune_accuracy_gain * ramp  (fine_tune, hybrid)
                                 - knowledge_gap_penalty  (knowledge_gap, no retrieval)
                                 - behaviour_gap_penalty  (behaviour_gap, prompt baseline short,
                                                           not fine-tuned), 0, 1)
        ramp = clip((labeled_examples - MIN_EXAMPLES) / (FULL_GAIN_EXAMPLES - MIN_EXAMPLES), 0, 1)

    Shapes: columns (N, 1) -> (N, 4).

    Source: "Fine-Tuning vs. RAG: When Each Strategy Wins" (fine-tuning +6 pp, RAG +5 pp, after
    Balaguer et al., Microsoft, 2024); "RAG vs Fine-Tuning: How to choose the right approach for
    your AI product" (~200 examples minimum, 1,000+ for reliable behaviour change); the penalties
    are assumptions.
    """
    ramp = np.clip((c["labeled_examples"] - MIN_EXAMPLES) / (FULL_GAIN_EXAMPLES - MIN_EXAMPLES), 0, 1)
    knowledge_missing = (c["knowledge_gap"] > 0) & ~USES_RETRIEVAL
    behaviour_missing = (c["behaviour_gap"] > 0) & (c["prompt_baseline_meets_target"] == 0) & ~FINE_TUNED
    acc = (
        c["baseline_accuracy"]
        + USES_RETRIEVAL * c["rag_accuracy_gain"]
        + FINE_TUNED * c["fine_tune_accuracy_gain"] * ramp
        - knowledge_missing * c["knowledge_gap_penalty"]
        - behaviour_missing * c["behaviour_gap_penalty"]
    )
    return np.clip(acc, 0, 1)


def stale_days(c: Cols, rate: np.ndarray) -> np.ndarray:
    """Longest wait before a knowledge update shows in answers, days (0 if knowledge is static).

    Equation:
        prompt:         horizon_months * DAYS_PER_MONTH  (never)
        rag, hybrid:    index_refresh_lag_days
        fine_tune:      training_turnaround_days, plus DAYS_PER_MONTH / retrain_rate when it
                        retrains less often than updates_per_month

    Shapes: columns (N, 1), rate (N, 4) -> (N, 4).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (RAG updates instantly, fine-tuning needs a
    retrain); ScaledByDesign, "Fine-Tuning vs. RAG" (days per training experiment).
    """
    updates = c["updates_per_month"]
    never = c["horizon_months"] * DAYS_PER_MONTH  # prompting alone never sees new knowledge
    lag = c["index_refresh_lag_days"]
    ft_rate = rate[:, 2:3]
    turnaround = c["training_turnaround_days"]
    ft = np.where(ft_rate >= updates, turnaround, DAYS_PER_MONTH / ft_rate + turnaround)
    stale = per_strategy(never, lag, ft, lag)
    return np.where(updates > 0, stale, 0.0)


def weeks_to_production(c: Cols) -> np.ndarray:
    """Calendar weeks from the start of work to a live system.

    Equation:
        weeks_to_production = <strategy>_build_person_weeks / team_size
                              + (labeled_examples / labelling_examples_per_person_week / team_size
                                 + training_turnaround_days / DAYS_PER_WEEK)  (fine_tune, hybrid)

    Shapes: columns (N, 1) -> (N, 4).

    Source: ScaledByDesign, "Fine-Tuning vs. RAG" (setup: RAG "days to weeks", fine-tuning "weeks
    to months"; "Do you need to deploy in < 1 week? -> RAG"); "RAG vs Fine-Tuning: How to choose
    the right approach for your AI product" ("weeks spent collecting and labeling training data");
    team size and labelling speed are assumptions.
    """
    team = c["team_size"]
    build = per_strategy(*(c[f"{s}_build_person_weeks"] for s in STRATEGIES)) / team
    labelling = c["labeled_examples"] / c["labelling_examples_per_person_week"] / team
    return build + FINE_TUNED * (labelling + c["training_turnaround_days"] / DAYS_PER_WEEK)

"""What each strategy is judged by beside cost: latency, expected accuracy, staleness.

``c`` is the scenario's columns as (1, N) arrays; each result broadcasts to (4, N).
"""

from __future__ import annotations

import numpy as np

from core.engine.columns import FINE_TUNED, USES_RETRIEVAL, per_strategy
from core.engine.drivers import Cols
from core.model.rules import FULL_GAIN_EXAMPLES, MIN_EXAMPLES
from core.model.strategies import DAYS_PER_MONTH, DAYS_PER_WEEK, STRATEGIES


def latency(c: Cols, in_tokens: np.ndarray) -> np.ndarray:
    """Answer latency, ms.

    Equation:
        latency_ms = generation_latency + prefill_ms_per_1k_tokens * in_tokens / 1000
                     + retrieval_latency_ms  (rag, hybrid)
        generation_latency = generation_latency_ms (prompt, rag) or
                             fine_tuned_generation_latency_ms (fine_tune, hybrid)

    Shapes: columns (1, N), in_tokens (4, N) -> (4, N).

    Source: "RAG vs Fine-Tuning: How to choose the right approach for your AI product" (retrieval
    adds 200-800 ms); generation and prefill times are assumptions.
    """
    base, tuned = c["generation_latency_ms"], c["fine_tuned_generation_latency_ms"]
    gen = per_strategy(base, base, tuned, tuned)
    return gen + c["prefill_ms_per_1k_tokens"] * in_tokens / 1000 + USES_RETRIEVAL * c["retrieval_latency_ms"]


Z_95 = 1.959964  # two-sided 95% normal quantile, for the Wilson interval of eval results
GAIN_SCALE = (0.5, 1.5)  # a modelled accuracy's interval: gains halved to 1.5x (assumption, as in ranges)


def fine_tune_weight(c: Cols) -> np.ndarray:
    """Share of a fine-tune's full gain reached, fraction (1, N).

    Equation:
        weight = ramp * (lora_quality_share if training_method == lora else 1)
        ramp = clip((labeled_examples - MIN_EXAMPLES) / (FULL_GAIN_EXAMPLES - MIN_EXAMPLES), 0, 1)

    Shapes: columns (1, N) -> (1, N).

    Source: "RAG vs Fine-Tuning: How to choose the right approach for your AI product" (~200
    examples minimum, 1,000+ for reliable behaviour change); "Fine-Tuning vs. RAG: When Each
    Strategy Wins" (LoRA keeps 90-95% of full fine-tuning quality). API fine-tunes count as full
    (assumption: their method is not published).
    """
    ramp = np.clip((c["labeled_examples"] - MIN_EXAMPLES) / (FULL_GAIN_EXAMPLES - MIN_EXAMPLES), 0, 1)
    return ramp * np.where(c["training_method"] == 1, c["lora_quality_share"], 1.0)


def missed_updates(c: Cols, rate: np.ndarray) -> np.ndarray:
    """Knowledge updates a fine-tuned model's weights lack on average, updates (1, N).

    Equation:
        missed = updates_per_month * (training_turnaround_days / DAYS_PER_MONTH
                                      + (0.5 / retrain_rate if retrain_rate < updates_per_month else 0))

    Shapes: columns (1, N), rate (4, N) -> (1, N).

    Source: assumption (an update waits for the next retrain, half an interval on average, then the
    turnaround); KnowMBA's insurance case: accuracy "degraded as new claim types emerged".
    """
    updates, ft_rate = c["updates_per_month"], rate[2:3]
    half_interval = np.where(ft_rate >= updates, 0.0, 0.5 / np.maximum(ft_rate, 1e-12))
    return updates * (c["training_turnaround_days"] / DAYS_PER_MONTH + half_interval)


def modelled_accuracy(c: Cols, rate: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """Expected accuracy from the assumed gains, fraction 0 to 1, (4, N).

    Equation:
        prompt    = baseline_accuracy - gap penalties
        rag       = baseline_accuracy + rag_accuracy_gain - behaviour penalty
        fine_tune = baseline_accuracy + fine_tune_accuracy_gain * weight
                    - knowledge_decay_per_update * missed_updates - knowledge penalty
        hybrid    = r + retrieval_fine_tune_error_cut * weight * (1 - r),
                    r = baseline_accuracy + rag_accuracy_gain
        knowledge penalty = knowledge_gap_penalty where knowledge_gap (no retrieval)
        behaviour penalty = behaviour_gap_penalty where behaviour_gap and the prompt baseline
                            falls short (not fine-tuned)
        every gain x scale, the decay / scale (scale 1; GAIN_SCALE gives the interval)

    Shapes: columns (1, N), rate (4, N) -> (4, N).

    Source: Balaguer et al. 2024, arXiv:2401.08406, as cited by "Fine-Tuning vs. RAG: When Each
    Strategy Wins" (fine-tuning +6 pp; RAG +5 pp measured on top of the fine-tuned model, applied
    to RAG alone as an assumption since the paper finds the gains cumulative); Zhang et al. 2024
    (RAFT), arXiv:2403.10131 (73.3% vs 58.8% for RAG alone on PubMed QA: fine-tuning removed 35.2%
    of RAG's errors, assumed to carry over as a share); the penalties and the decay are assumptions.
    """
    weight = fine_tune_weight(c)
    base = c["baseline_accuracy"]
    knowledge_missing = (c["knowledge_gap"] > 0) & ~USES_RETRIEVAL
    behaviour_missing = (c["behaviour_gap"] > 0) & (c["prompt_baseline_meets_target"] == 0) & ~FINE_TUNED
    retrieval = np.clip(base + scale * c["rag_accuracy_gain"], 0, 1)
    tuned = base + scale * c["fine_tune_accuracy_gain"] * weight
    tuned = tuned - c["knowledge_decay_per_update"] * missed_updates(c, rate) / scale
    hybrid = retrieval + np.clip(scale * c["retrieval_fine_tune_error_cut"], 0, 1) * weight * (1 - retrieval)
    acc = (
        per_strategy(base, retrieval, tuned, hybrid)
        - knowledge_missing * c["knowledge_gap_penalty"]
        - behaviour_missing * c["behaviour_gap_penalty"]
    )
    return np.clip(acc, 0, 1)


def eval_counts(c: Cols) -> tuple[np.ndarray, np.ndarray]:
    """(correct, total) of the team's eval results, each (4, N) (0 of 0 where none)."""
    correct = per_strategy(*(c[f"{s}_eval_correct"] for s in STRATEGIES))
    total = per_strategy(*(c[f"{s}_eval_total"] for s in STRATEGIES))
    return correct, total


def wilson(correct: np.ndarray, total: np.ndarray, z: float = Z_95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of correct / total, (low, high) fractions (0 to 1 where total = 0).

    Equation:
        centre = (p + z^2 / 2n) / (1 + z^2 / n),  half = z sqrt(p (1 - p) / n + z^2 / 4n^2) / (1 + z^2 / n)

    Shapes: correct and total (4, N) -> two (4, N).

    Source: Wilson 1927, the score interval for a binomial proportion (no extra package).
    """
    n = np.maximum(total, 1e-12)
    p = np.clip(correct / n, 0, 1)
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    measured = total > 0
    return np.where(measured, centre - half, 0.0), np.where(measured, centre + half, 1.0)


def accuracy(c: Cols, rate: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Expected accuracy and its interval, fractions, and where it was measured: 4 x (4, N).

    Equation:
        measured (eval_total > 0): correct / total, Wilson 95% interval; fine_tune also loses
            knowledge_decay_per_update * missed_updates (the eval scores a freshly trained model)
        else: modelled_accuracy, interval from gains x GAIN_SCALE

    Shapes: columns (1, N), rate (4, N) -> four (4, N).

    Source: "RAG vs Fine-Tuning: How to choose the right approach for your AI product" (build an
    eval set of 20-50 question/answer pairs first); Peter Olson, "RAG vs. Fine-Tuning: How I
    Actually Choose" (measure the gap, then decide); see ``modelled_accuracy``.
    """
    model = modelled_accuracy(c, rate)
    model_lo, model_hi = (modelled_accuracy(c, rate, k) for k in GAIN_SCALE)
    correct, total, decay, observed = _observed(c, rate)
    measured = total > 0
    low, high = wilson(correct, total)
    point = np.where(measured, observed, model)
    low = np.where(measured, np.clip(low - decay, 0, 1), np.minimum(model_lo, model))
    high = np.where(measured, np.clip(high - decay, 0, 1), np.maximum(model_hi, model))
    return point, low, high, np.broadcast_to(measured, point.shape)


def _observed(c: Cols, rate: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(correct, total, decay, observed accuracy) of the team's eval results, each (4, N)."""
    correct, total = eval_counts(c)
    decay = per_strategy(*(np.zeros((1, 1)),) * 2, c["knowledge_decay_per_update"] * missed_updates(c, rate),
                         np.zeros((1, 1)))  # fmt: skip
    observed = np.clip(correct / np.maximum(total, 1e-12) - decay, 0, 1)
    return correct, total, decay, observed


def expected_accuracy(c: Cols, rate: np.ndarray) -> np.ndarray:
    """``accuracy``'s point figure alone, fraction (4, N): what the decision needs, without the
    two extra modelled accuracies of the interval."""
    _, total, _, observed = _observed(c, rate)
    return np.where(total > 0, observed, modelled_accuracy(c, rate))


def stale_days(c: Cols, rate: np.ndarray) -> np.ndarray:
    """Longest wait before a knowledge update shows in answers, days (0 if knowledge is static).

    Equation:
        prompt:         horizon_months * DAYS_PER_MONTH  (never)
        rag, hybrid:    index_refresh_lag_days
        fine_tune:      training_turnaround_days, plus DAYS_PER_MONTH / retrain_rate when it
                        retrains less often than updates_per_month

    Shapes: columns (1, N), rate (4, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (RAG updates instantly, fine-tuning needs a
    retrain); ScaledByDesign, "Fine-Tuning vs. RAG" (days per training experiment).
    """
    updates = c["updates_per_month"]
    never = c["horizon_months"] * DAYS_PER_MONTH  # prompting alone never sees new knowledge
    lag = c["index_refresh_lag_days"]
    ft_rate = rate[2:3]
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

    Shapes: columns (1, N) -> (4, N).

    Source: ScaledByDesign, "Fine-Tuning vs. RAG" (setup: RAG "days to weeks", fine-tuning "weeks
    to months"; "Do you need to deploy in < 1 week? -> RAG"); "RAG vs Fine-Tuning: How to choose
    the right approach for your AI product" ("weeks spent collecting and labeling training data");
    team size and labelling speed are assumptions.
    """
    team = c["team_size"]
    build = per_strategy(*(c[f"{s}_build_person_weeks"] for s in STRATEGIES)) / team
    labelling = c["labeled_examples"] / c["labelling_examples_per_person_week"] / team
    return build + FINE_TUNED * (labelling + c["training_turnaround_days"] / DAYS_PER_WEEK)

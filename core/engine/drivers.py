"""What the cost components rest on: prompt tokens per query, the cost of one training run,
the retrain schedule. ``c`` is the scenario's columns as (N, 1) arrays (``columns.column``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from core.engine.columns import per_strategy

_EPS = 1e-9  # keeps floor(rate * months) exact when the product is a whole number

Cols = dict[str, np.ndarray]


def input_tokens(c: Cols) -> np.ndarray:
    """Prompt tokens per query, tokens.

    Equation:
        prompt:    system_prompt_tokens + few_shot_tokens + query_tokens
        rag:       system_prompt_tokens + retrieved_tokens + query_tokens
        fine_tune: fine_tuned_prompt_tokens + query_tokens
        hybrid:    fine_tuned_prompt_tokens + retrieved_tokens + query_tokens

    Shapes: columns (N, 1) -> (N, 4).

    Source: "Fine-Tuning vs. RAG: When Each Strategy Wins" (a fine-tuned model needs a
    shorter prompt); ScaledByDesign, "Fine-Tuning vs. RAG" (topK 5 x ~400 tokens retrieved).
    """
    q, ctx = c["query_tokens"], c["retrieved_tokens"]
    base, ftp = c["system_prompt_tokens"], c["fine_tuned_prompt_tokens"]
    return per_strategy(base + c["few_shot_tokens"] + q, base + ctx + q, ftp + q, ftp + ctx + q)


def run_cost(c: Cols) -> np.ndarray:
    """USD per training run.

    Equation:
        api:  training_price_per_mtok_usd * labeled_examples * tokens_per_example * epochs / 1e6
        lora: lora_run_cost_usd
        full: full_run_cost_usd

    Shapes: columns (N, 1) -> (N, 1), one price for both fine-tuned strategies.

    Source: "Fine-Tuning vs. RAG: When Each Strategy Wins" (LoRA ~$300, full ~$35,000 a
    run); API prices from the dated training price table (as_of and source on each row).
    """
    tokens = c["labeled_examples"] * c["tokens_per_example"] * c["epochs"]
    api = c["training_price_per_mtok_usd"] * tokens / 1e6
    method = c["training_method"]
    return np.where(method == 0, api, np.where(method == 1, c["lora_run_cost_usd"], c["full_run_cost_usd"]))


def retrain_rate(c: Cols) -> np.ndarray:
    """Retrains per month, retrains/month (0 for strategies that never train).

    Equation:
        fine_tune: max(min(max(updates_per_month, behaviour_retrains_per_month), max_retrains_per_month),
                       1 / deprecation_interval_months)
        hybrid:    max(min(behaviour_retrains_per_month, max_retrains_per_month),
                       1 / deprecation_interval_months)

    fine_tune follows knowledge updates, hybrid only its behaviour schedule; both are capped by the
    policy, and a deprecation sets a floor (a retrain moves the model to the newest base, so it also
    answers the deprecation: assumption).

    Shapes: columns (N, 1) -> (N, 4).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (frontier models upgraded every 6-12 months);
    the cap and the behaviour schedule are assumptions.
    """
    cap, scheduled = c["max_retrains_per_month"], c["behaviour_retrains_per_month"]
    floor = 1 / c["deprecation_interval_months"]
    ft_rate = np.maximum(np.minimum(np.maximum(c["updates_per_month"], scheduled), cap), floor)
    hy_rate = np.maximum(np.minimum(scheduled, cap), floor)
    zero = np.zeros((1, 1))
    return per_strategy(zero, zero, ft_rate, hy_rate)


def retrains_through(rate: np.ndarray, months: Any) -> np.ndarray:
    """Retrains done by the end of ``months``, for a retrain rate in retrains/month.

    The single schedule behind both the month-by-month timeline and the horizon total.

    Equation:
        retrains_through = floor(retrain_rate * months)

    Shapes: rate (N, 4) or (4, 1), months broadcasting against it -> the broadcast shape.

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (Total Cost of Customization, made explicit
    month by month).
    """
    return np.floor(rate * months + _EPS)

"""What the cost components rest on: prompt tokens per query, the cost of one training run,
the retrain schedule. ``c`` is the scenario's columns as (1, N) arrays (``columns.column``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from core.engine.columns import FINE_TUNED, per_strategy

_EPS = 1e-9  # keeps floor(rate * months) exact when the product is a whole number

Cols = dict[str, np.ndarray]


def input_tokens(c: Cols) -> np.ndarray:
    """Prompt tokens per query, tokens.

    Equation:
        prompt:    system_prompt_tokens + few_shot_tokens + query_tokens
        rag:       system_prompt_tokens + retrieved_tokens + query_tokens
        fine_tune: fine_tuned_prompt_tokens + query_tokens
        hybrid:    fine_tuned_prompt_tokens + retrieved_tokens + query_tokens

    Shapes: columns (1, N) -> (4, N).

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

    Shapes: columns (1, N) -> (1, N), one price for both fine-tuned strategies.

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

    Shapes: columns (1, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (frontier models upgraded every 6-12 months);
    the cap and the behaviour schedule are assumptions.
    """
    cap, scheduled = c["max_retrains_per_month"], c["behaviour_retrains_per_month"]
    floor = 1 / c["deprecation_interval_months"]
    ft_rate = np.maximum(np.minimum(np.maximum(c["updates_per_month"], scheduled), cap), floor)
    hy_rate = np.maximum(np.minimum(scheduled, cap), floor)
    zero = np.zeros((1, 1))
    return per_strategy(zero, zero, ft_rate, hy_rate)


def retrains_through(rate: np.ndarray, months: Any, horizon: Any = np.inf) -> np.ndarray:
    """Retrains done by the end of ``months`` that serve queries, for a rate in retrains/month.

    The single schedule behind both the month-by-month timeline and the horizon total. A retrain
    that would land at the horizon's last moment serves no query, so it is not counted: monthly
    retraining over 12 months is the first run plus 11 retrains, 12 runs.

    Equation:
        retrains_through = min(floor(retrain_rate * months), serving_retrains)
        serving_retrains = max(ceil(retrain_rate * horizon_months) - 1, 0)

    Shapes: rate (4, N) or (4, 1), months and horizon broadcasting against it -> the broadcast shape.

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (Total Cost of Customization, made explicit
    month by month).
    """
    done = np.floor(rate * months + _EPS)
    with np.errstate(invalid="ignore"):  # 0 x inf: a rate of 0 never retrains
        serving = np.maximum(np.ceil(np.nan_to_num(rate * horizon, nan=0.0) - _EPS) - 1, 0)
    return np.minimum(done, serving)


def prefix_tokens(c: Cols) -> np.ndarray:
    """The static, cacheable start of each strategy's prompt, tokens.

    Equation:
        prompt:            system_prompt_tokens + few_shot_tokens
        rag:               system_prompt_tokens
        fine_tune, hybrid: fine_tuned_prompt_tokens

    Shapes: columns (1, N) -> (4, N).

    Source: assumption (instructions and few-shot examples repeat on every query; the question
    and the retrieved context do not).
    """
    base, ftp = c["system_prompt_tokens"], c["fine_tuned_prompt_tokens"]
    return per_strategy(base + c["few_shot_tokens"], base, ftp, ftp)


def _listed(price: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """A listed price (> 0) where there is one and it is no dearer, else the fallback."""
    return np.where(price > 0, np.minimum(price, fallback), fallback)


def _for_tuned(variant: np.ndarray, base: np.ndarray, tuned: np.ndarray) -> np.ndarray:
    """A fine-tuned model's variant price: its own price x variant / base (0 where none is listed)."""
    ratio = np.where(base > 0, variant / np.maximum(base, 1e-12), 1.0)  # floored: no overflow
    return np.where(variant > 0, tuned * ratio, 0.0)


def token_prices(c: Cols) -> dict[str, np.ndarray]:
    """USD per 1M tokens each strategy pays: input, output, cache read and cache write.

    Equation:
        input, output = the base prices (prompt, rag) or fine_tuned_ prices (fine_tune, hybrid);
                        with offline_workload, batch_input/output_price where listed (> 0, never dearer)
        cache_read    = cache_read_price * batch where listed (> 0, never dearer than input), else input
        cache_write   = cache_write_price * batch where listed (> 0), else input
        batch         = input / the online input price (1 unless offline with a batch price)
        fine-tuned strategies: a listed variant price x fine-tuned price / base price

    Shapes: columns (1, N) -> name -> (4, N).

    Source: price fields from genai-prices; a fine-tuned model getting the base model's batch and
    cache discounts in proportion is an assumption.
    """
    offline = c["offline_workload"] > 0
    base_in, base_out = c["input_price_per_mtok_usd"], c["output_price_per_mtok_usd"]
    ft_in, ft_out = c["fine_tuned_input_price_per_mtok_usd"], c["fine_tuned_output_price_per_mtok_usd"]
    b_in, b_out = c["batch_input_price_per_mtok_usd"], c["batch_output_price_per_mtok_usd"]
    read, write = c["cache_read_price_per_mtok_usd"], c["cache_write_price_per_mtok_usd"]
    tuned_in, tuned_out = _for_tuned(b_in, base_in, ft_in), _for_tuned(b_out, base_out, ft_out)
    listed_in = per_strategy(b_in, b_in, tuned_in, tuned_in)
    listed_out = per_strategy(b_out, b_out, tuned_out, tuned_out)
    online_in = per_strategy(base_in, base_in, ft_in, ft_in)
    p_out = per_strategy(base_out, base_out, ft_out, ft_out)
    p_in = np.where(offline, _listed(listed_in, online_in), online_in)
    p_out = np.where(offline, _listed(listed_out, p_out), p_out)
    batch = np.where(online_in > 0, p_in / np.maximum(online_in, 1e-12), 1.0)  # the batch discount
    tuned_read, tuned_write = _for_tuned(read, base_in, ft_in), _for_tuned(write, base_in, ft_in)
    read4 = per_strategy(read, read, tuned_read, tuned_read)
    write4 = per_strategy(write, write, tuned_write, tuned_write)
    return {
        "input": p_in,
        "output": p_out,
        "cache_read": _listed(read4 * batch, p_in),
        "cache_write": np.where(write4 > 0, write4 * batch, p_in),
    }


def embedding_price(c: Cols) -> np.ndarray:
    """USD per 1M tokens for index builds and re-embedding, (1, N).

    Equation:
        embedding_price = batch_embedding_price where offline_workload and one is listed
                          (> 0, never dearer), else embedding_price_per_mtok_usd

    Shapes: columns (1, N) -> (1, N).

    Source: price fields from genai-prices.
    """
    online = c["embedding_price_per_mtok_usd"]
    return np.where(
        c["offline_workload"] > 0, _listed(c["batch_embedding_price_per_mtok_usd"], online), online
    )


def vectors(c: Cols) -> np.ndarray:
    """Vectors in the index, (1, N).

    Equation:
        vectors = corpus_tokens / chunk_tokens

    Shapes: columns (1, N) -> (1, N).

    Source: ScaledByDesign, "Fine-Tuning vs. RAG" (chunks of ~400 tokens).
    """
    return c["corpus_tokens"] / c["chunk_tokens"]


def migration_rate(c: Cols) -> np.ndarray:
    """Base-model migrations per month (fine_tune and hybrid), migrations/month.

    Equation:
        migration_rate = 1 / deprecation_interval_months  (fine_tune, hybrid; 0 otherwise)

    Each migration is a training run (the retrain schedule's floor), a re-evaluation and the
    move itself (migration_person_weeks); they are counted like retrains, by ``retrains_through``.

    Shapes: columns (1, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (frontier models upgraded every 6-12 months;
    the insurer's base model was deprecated after 6 months).
    """
    return FINE_TUNED / c["deprecation_interval_months"]

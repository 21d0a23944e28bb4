"""The nine groups of scenario inputs, each field with its unit, bounds and source."""

from __future__ import annotations

from typing import Literal

from core.model.base import InputGroup, choice, sourced, text
from core.model.sources import (
    ASSUMPTION,
    GENAI_PRICES,
    RAFT_2024,
    S000,
    S001,
    S002,
    S003,
    S004,
)


class Workload(InputGroup):
    queries_per_day: float = sourced(10_000, 10, 10_000_000, "queries/day", S003, "Query volume.")
    query_tokens: float = sourced(50, 1, 100_000, "tokens", ASSUMPTION, "Tokens in a user's question.")
    output_tokens: float = sourced(250, 1, 100_000, "tokens", ASSUMPTION, "Tokens in an answer.")
    horizon_months: int = sourced(12, 1, 60, "months", ASSUMPTION, "How far ahead cost is counted.")


class Knowledge(InputGroup):
    updates_per_month: float = sourced(
        4, 0, 60, "updates/month", ASSUMPTION, "Knowledge update cadence; 0 = static."
    )
    corpus_tokens: float = sourced(10_000_000, 0, 1e12, "tokens", ASSUMPTION, "Size of the corpus.")
    changed_fraction_per_update: float = sourced(
        0.02, 0, 1, "fraction", ASSUMPTION, "Share of the corpus re-embedded on each update."
    )
    retrieved_tokens: float = sourced(
        2_000, 0, 200_000, "tokens", S003, "Context retrieved per query (topK 5 x ~400 tokens)."
    )
    vector_search_cost_per_query_usd: float = sourced(
        0.0002, 0, 1, "USD/query", S003, "Vector search per query ($0.0002)."
    )
    vector_store_monthly_usd: float = sourced(50, 0, 1e7, "USD/month", ASSUMPTION, "Vector store hosting.")
    retrieval_latency_ms: float = sourced(
        300, 0, 10_000, "ms", S001, "Retrieval step latency (200-800 ms in 001, 100-500 in 003)."
    )
    index_refresh_lag_days: float = sourced(
        0, 0, 365, "days", S000, "Delay before an update is searchable (RAG updates instantly)."
    )


class Training(InputGroup):
    labeled_examples: int = sourced(
        1_000, 0, 100_000, "examples", ASSUMPTION, "Labelled input/output examples available."
    )
    tokens_per_example: float = sourced(1_000, 1, 1_000_000, "tokens", ASSUMPTION, "Per example.")
    epochs: float = sourced(3, 1, 50, "epochs", ASSUMPTION, "Passes over the training set.")
    training_method: Literal["api", "lora", "full"] = choice(
        "api", S004, "api: per-token training price; lora or full: a fixed cost per run."
    )
    training_price_per_mtok_usd: float = sourced(
        3.0, 0, 10_000, "USD/1M training tokens", "core/data/training_prices.csv", "API price."
    )
    lora_run_cost_usd: float = sourced(300, 0, 1e8, "USD/run", S004, "LoRA run (~$300).")
    full_run_cost_usd: float = sourced(35_000, 0, 1e8, "USD/run", S004, "Full 40B+ run (~$35,000).")
    labeling_cost_per_example_usd: float = sourced(
        1.0, 0, 10_000, "USD/example", ASSUMPTION, "One-off labelling cost."
    )
    max_retrains_per_month: float = sourced(1, 0, 30, "retrains/month", ASSUMPTION, "Retrain policy cap.")
    behaviour_retrains_per_month: float = sourced(
        0, 0, 30, "retrains/month", ASSUMPTION, "Scheduled retrains of both fine-tuned strategies."
    )
    deprecation_interval_months: float = sourced(
        12, 1, 120, "months", S000, "Base model replaced every 6-12 months; forces a retrain."
    )
    training_turnaround_days: float = sourced(
        3, 0, 365, "days", S003, "From new data to a deployed retrain (days per experiment)."
    )


class Latency(InputGroup):
    latency_budget_ms: float = sourced(
        2_000, 100, 10_000, "ms", ASSUMPTION, "End-to-end latency the product can afford."
    )
    generation_latency_ms: float = sourced(
        800, 0, 60_000, "ms", ASSUMPTION, "Base model answer time, before prompt prefill."
    )
    fine_tuned_generation_latency_ms: float = sourced(
        800, 0, 60_000, "ms", ASSUMPTION, "Fine-tuned model answer time, before prefill."
    )
    prefill_ms_per_1k_tokens: float = sourced(
        20, 0, 10_000, "ms/1k input tokens", ASSUMPTION, "Prompt processing time."
    )


class Prices(InputGroup):
    provider: str = text("openai", 80, GENAI_PRICES, "genai-prices provider id.")
    model: str = text("gpt-4o-mini", 120, GENAI_PRICES, "genai-prices model id.")
    price_basis: Literal["tokens", "per_query"] = choice(
        "tokens", S003, "tokens: tokens x per-1M prices; per_query: the per-query costs below."
    )
    input_price_per_mtok_usd: float = sourced(0.15, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Base in.")
    output_price_per_mtok_usd: float = sourced(0.6, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Base out.")
    fine_tuned_input_price_per_mtok_usd: float = sourced(
        0.3, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Fine-tuned model input."
    )
    fine_tuned_output_price_per_mtok_usd: float = sourced(
        1.2, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Fine-tuned model output."
    )
    embedding_price_per_mtok_usd: float = sourced(
        0.02, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "text-embedding-3-small."
    )
    prompt_generation_cost_per_query_usd: float = sourced(
        0.004, 0, 100, "USD/query", ASSUMPTION, "per_query basis: prompt strategy generation."
    )
    rag_generation_cost_per_query_usd: float = sourced(
        0.003, 0, 100, "USD/query", S003, "per_query basis: RAG generation ($0.003)."
    )
    fine_tune_generation_cost_per_query_usd: float = sourced(
        0.004, 0, 100, "USD/query", S003, "per_query basis: fine-tuned generation ($0.004)."
    )
    hybrid_generation_cost_per_query_usd: float = sourced(
        0.004, 0, 100, "USD/query", S003, "per_query basis: hybrid generation ($0.004)."
    )
    embedding_cost_per_query_usd: float = sourced(
        0.0001, 0, 100, "USD/query", S003, "per_query basis: query embedding ($0.0001)."
    )


class Prompts(InputGroup):
    system_prompt_tokens: float = sourced(
        500, 0, 1_000_000, "tokens", ASSUMPTION, "Instructions in the base model's prompt."
    )
    few_shot_tokens: float = sourced(
        1_500, 0, 1_000_000, "tokens", ASSUMPTION, "Few-shot examples the prompt strategy carries."
    )
    fine_tuned_prompt_tokens: float = sourced(
        100, 0, 1_000_000, "tokens", S004, "Shorter prompt of a fine-tuned model."
    )


class Operations(InputGroup):
    prompt_maintenance_usd_per_month: float = sourced(200, 0, 1e8, "USD/month", ASSUMPTION, "Prompt.")
    rag_maintenance_usd_per_month: float = sourced(1_000, 0, 1e8, "USD/month", ASSUMPTION, "RAG.")
    fine_tune_maintenance_usd_per_month: float = sourced(
        2_000, 0, 1e8, "USD/month", ASSUMPTION, "Fine-tuned model ops."
    )
    hybrid_maintenance_usd_per_month: float = sourced(
        2_500, 0, 1e8, "USD/month", ASSUMPTION, "Both pipelines."
    )
    dedicated_hosting: bool = sourced(
        False, None, None, "flag", S001, "Fine-tuned model on dedicated GPUs (no per-token price)."
    )
    gpu_hour_usd: float = sourced(2.0, 0, 1_000, "USD/GPU-hour", ASSUMPTION, "Dedicated GPU price.")
    gpus: float = sourced(1, 0, 1_000, "GPUs", ASSUMPTION, "GPUs kept up for dedicated hosting.")


class Quality(InputGroup):
    baseline_accuracy: float = sourced(
        0.70, 0, 1, "fraction", ASSUMPTION, "Prompt-only accuracy with no gap in the way."
    )
    rag_accuracy_gain: float = sourced(
        0.05, 0, 1, "fraction", S004, "RAG adds +5 pp (measured on top of fine-tuning; assumed alone)."
    )
    fine_tune_accuracy_gain: float = sourced(
        0.06, 0, 1, "fraction", S004, "Fine-tuning adds +6 pp (Microsoft), at 1,000+ examples."
    )
    knowledge_gap_penalty: float = sourced(
        0.15, 0, 1, "fraction", ASSUMPTION, "Accuracy lost without retrieval when facts are missing."
    )
    behaviour_gap_penalty: float = sourced(
        0.10, 0, 1, "fraction", ASSUMPTION, "Accuracy lost without fine-tuning under a behaviour gap."
    )
    cost_per_error_usd: float = sourced(
        0, 0, 1e6, "USD/wrong answer", ASSUMPTION, "Cost of one wrong answer; 0 leaves quality out."
    )
    accuracy_target: float = sourced(
        0, 0, 1, "fraction", S002, "Accuracy the product needs (a hard rule); 0 = no target."
    )
    lora_quality_share: float = sourced(
        0.925, 0, 1, "fraction", S004, "Share of a full fine-tune's gain LoRA keeps (90-95%)."
    )
    retrieval_fine_tune_error_cut: float = sourced(
        0.352, 0, 1, "fraction", RAFT_2024, "Share of RAG's errors fine-tuning removes (73.3% vs 58.8%)."
    )
    knowledge_decay_per_update: float = sourced(
        0.01, 0, 1, "fraction", ASSUMPTION, "Accuracy a fine-tune loses per update not yet trained in."
    )


class Evidence(InputGroup):
    """The team's own eval results per strategy: correct answers out of items (0 of 0 = none)."""

    prompt_eval_total: int = sourced(0, 0, 1_000_000, "eval items", S001, "Prompting: items scored.")
    prompt_eval_correct: int = sourced(0, 0, 1_000_000, "eval items", S001, "Prompting: items right.")
    rag_eval_total: int = sourced(0, 0, 1_000_000, "eval items", S001, "RAG: items scored.")
    rag_eval_correct: int = sourced(0, 0, 1_000_000, "eval items", S001, "RAG: items right.")
    fine_tune_eval_total: int = sourced(0, 0, 1_000_000, "eval items", S001, "Fine-tuning: items scored.")
    fine_tune_eval_correct: int = sourced(0, 0, 1_000_000, "eval items", S001, "Fine-tuning: items right.")
    hybrid_eval_total: int = sourced(0, 0, 1_000_000, "eval items", S001, "Hybrid: items scored.")
    hybrid_eval_correct: int = sourced(0, 0, 1_000_000, "eval items", S001, "Hybrid: items right.")


class Needs(InputGroup):
    knowledge_gap: bool = sourced(True, None, None, "flag", S002, "The model lacks facts it needs.")
    behaviour_gap: bool = sourced(False, None, None, "flag", S002, "Style, format or schema is off.")
    citations_required: bool = sourced(False, None, None, "flag", S001, "Answers need sources or audit.")
    prompt_baseline_meets_target: bool = sourced(
        False, None, None, "flag", S002, "A well-engineered prompt already meets the target."
    )
    behaviour_stable: bool = sourced(
        True, None, None, "flag", S000, "The wanted behaviour does not change week to week."
    )


GROUPS: dict[str, type[InputGroup]] = {
    "workload": Workload,
    "knowledge": Knowledge,
    "training": Training,
    "latency": Latency,
    "prices": Prices,
    "prompts": Prompts,
    "operations": Operations,
    "quality": Quality,
    "needs": Needs,
    "evidence": Evidence,
}

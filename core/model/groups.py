"""The nine groups of scenario inputs, each field with its unit, bounds and source."""

from __future__ import annotations

from typing import Literal

from core.model.base import InputGroup, choice, sourced, text
from core.model.sources import (
    ASSUMPTION,
    GENAI_PRICES,
    PINECONE,
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
    offline_workload: bool = sourced(
        False, None, None, "flag", ASSUMPTION, "Answers can wait for a batch job: batch prices where listed."
    )
    deadline_weeks: float = sourced(
        0, 0, 520, "weeks", S003, "Weeks until the system must be live; 0 = no deadline (< 1 week -> RAG)."
    )


class Knowledge(InputGroup):
    updates_per_month: float = sourced(
        4, 0, 60, "updates/month", ASSUMPTION, "Knowledge update cadence; 0 = static."
    )
    corpus_tokens: float = sourced(10_000_000, 0, 1e12, "tokens", ASSUMPTION, "Size of the corpus.")
    changed_fraction_per_update: float = sourced(
        0.02, 0, 1, "fraction", ASSUMPTION, "Share of the corpus re-embedded on each update."
    )
    retrieved_tokens: float = sourced(
        2_000, 0, 200_000, "tokens", ASSUMPTION, "Context retrieved per query (5 chunks x ~400 tokens)."
    )
    vector_search_cost_per_query_usd: float = sourced(
        0.0002, 0, 1, "USD/query", S003, "Vector search per query ($0.0002)."
    )
    vector_store_monthly_usd: float = sourced(
        0, 0, 1e7, "USD/month", ASSUMPTION, "Fixed vector store fee on top of storage (a plan minimum)."
    )
    chunk_tokens: float = sourced(
        400, 1, 100_000, "tokens", ASSUMPTION, "Tokens per indexed chunk (~400, a common chunk size)."
    )
    embedding_dimensions: float = sourced(
        1_536, 1, 100_000, "dimensions", PINECONE, "Numbers per vector (1,536 in Pinecone's example)."
    )
    vector_store_price_per_gb_month_usd: float = sourced(
        0.33, 0, 10_000, "USD/GB-month", PINECONE, "Vector store storage price ($0.33/GB-month)."
    )
    vector_store_price_per_million_vectors_usd: float = sourced(
        0, 0, 10_000, "USD/1M vectors-month", ASSUMPTION, "Per-vector store price; 0 = priced by storage."
    )
    retrieval_latency_ms: float = sourced(
        300, 0, 10_000, "ms", ASSUMPTION, "Retrieval step latency (inside the published ranges)."
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
        "api", ASSUMPTION, "api: per-token training price; lora or full: a fixed cost per run."
    )
    training_price_per_mtok_usd: float = sourced(
        3.0, 0, 10_000, "USD/1M training tokens", "training_prices", "API price."
    )
    training_price_estimated: bool = sourced(
        False,
        None,
        None,
        "flag",
        "training_prices",
        "No published training price: an estimate.",
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
        12, 1, 120, "months", ASSUMPTION, "Base model replaced every 12 months; forces a retrain."
    )
    training_turnaround_days: float = sourced(
        3, 0, 365, "days", ASSUMPTION, "From new data to a deployed retrain."
    )
    labelling_examples_per_person_week: float = sourced(
        500, 1, 1e7, "examples/person-week", ASSUMPTION, "Labelling speed (~100 examples a day)."
    )
    migration_person_weeks: float = sourced(
        2, 0, 520, "person-weeks", ASSUMPTION, "Re-evaluating and moving a fine-tune to a new base model."
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
        "tokens", f"{GENAI_PRICES}; {S003}", "tokens: per-1M token prices; per_query: the per-query costs."
    )
    input_price_per_mtok_usd: float = sourced(0.15, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Base in.")
    output_price_per_mtok_usd: float = sourced(0.6, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Base out.")
    cache_read_price_per_mtok_usd: float = sourced(
        0.075, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Cached input read (the input price if none listed)."
    )
    cache_write_price_per_mtok_usd: float = sourced(
        0.15, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Cache write (the input price if none listed)."
    )
    batch_input_price_per_mtok_usd: float = sourced(
        0.075, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Batch input (the input price if none listed)."
    )
    batch_output_price_per_mtok_usd: float = sourced(
        0.3, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Batch output (the output price if none listed)."
    )
    context_window_tokens: float = sourced(
        128_000, 0, 100_000_000, "tokens", GENAI_PRICES, "Model's context window; 0 = not known, not checked."
    )
    fine_tuned_input_price_per_mtok_usd: float = sourced(
        0.3, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Fine-tuned model input."
    )
    fine_tuned_output_price_per_mtok_usd: float = sourced(
        1.2, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Fine-tuned model output."
    )
    fine_tuned_price_estimated: bool = sourced(
        False, None, None, "flag", GENAI_PRICES, "No published fine-tuned price: the two above are estimates."
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
    batch_embedding_price_per_mtok_usd: float = sourced(
        0, 0, 10_000, "USD/1M tokens", ASSUMPTION, "Batch embedding; 0 = none listed: no discount."
    )


class Prompts(InputGroup):
    system_prompt_tokens: float = sourced(
        500, 0, 1_000_000, "tokens", ASSUMPTION, "Instructions in the base model's prompt."
    )
    few_shot_tokens: float = sourced(
        1_500, 0, 1_000_000, "tokens", ASSUMPTION, "Few-shot examples the prompt strategy carries."
    )
    fine_tuned_prompt_tokens: float = sourced(
        100, 0, 1_000_000, "tokens", ASSUMPTION, "Shorter prompt of a fine-tuned model."
    )
    cache_hit_rate: float = sourced(
        0.5, 0, 1, "fraction", ASSUMPTION, "Share of queries whose static prompt prefix is a cache hit."
    )
    cache_writes_per_month: float = sourced(
        8_640, 0, 1e9, "writes/month", ASSUMPTION, "Prefix written to the cache (one per 5-minute lifetime)."
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
    loaded_cost_per_person_week_usd: float = sourced(
        4_000, 0, 1e6, "USD/person-week", ASSUMPTION, "Salary and overhead (~$200K a year over 50 weeks)."
    )
    team_size: float = sourced(2, 0.1, 1_000, "people", ASSUMPTION, "People building in parallel.")
    prompt_build_person_weeks: float = sourced(
        0.5, 0, 520, "person-weeks", ASSUMPTION, "Building the prompt strategy (a few days)."
    )
    rag_build_person_weeks: float = sourced(1, 0, 520, "person-weeks", S003, "RAG setup: days to weeks.")
    fine_tune_build_person_weeks: float = sourced(
        8, 0, 520, "person-weeks", S003, "Fine-tuning setup: weeks to months."
    )
    hybrid_build_person_weeks: float = sourced(
        9, 0, 520, "person-weeks", ASSUMPTION, "Both setups: the RAG one plus the fine-tuning one."
    )
    prompt_engineering_person_weeks_per_month: float = sourced(
        0, 0, 100, "person-weeks/month", ASSUMPTION, "Ongoing engineering beyond maintenance; 0 = in it."
    )
    rag_engineering_person_weeks_per_month: float = sourced(
        0, 0, 100, "person-weeks/month", ASSUMPTION, "Ongoing engineering beyond maintenance; 0 = in it."
    )
    fine_tune_engineering_person_weeks_per_month: float = sourced(
        0, 0, 100, "person-weeks/month", ASSUMPTION, "Ongoing engineering beyond maintenance; 0 = in it."
    )
    hybrid_engineering_person_weeks_per_month: float = sourced(
        0, 0, 100, "person-weeks/month", ASSUMPTION, "Ongoing engineering beyond maintenance; 0 = in it."
    )
    new_items_per_month: float = sourced(
        0, 0, 1_000, "items/month", ASSUMPTION, "New knowledge items or behaviours added (a claim type)."
    )
    prompt_change_person_weeks: float = sourced(
        0.2, 0, 520, "person-weeks", ASSUMPTION, "Adding one item to a prompt (about a day)."
    )
    rag_change_person_weeks: float = sourced(
        0.2, 0, 520, "person-weeks", S000, "Adding one item with RAG: a new claim type took 1 day."
    )
    fine_tune_change_person_weeks: float = sourced(
        6, 0, 520, "person-weeks", S000, "Adding one item by fine-tuning: a new claim type took 6 weeks."
    )
    hybrid_change_person_weeks: float = sourced(
        0.2, 0, 520, "person-weeks", ASSUMPTION, "Adding one item to a hybrid's index, as with RAG."
    )


class Quality(InputGroup):
    baseline_accuracy: float = sourced(
        0.70, 0, 1, "fraction", ASSUMPTION, "Prompt-only accuracy with no gap in the way."
    )
    rag_accuracy_gain: float = sourced(
        0.05,
        0,
        1,
        "fraction",
        f"balaguer2024; {S004}",
        "RAG adds +5 pp (measured on top of fine-tuning; assumed alone).",
    )
    fine_tune_accuracy_gain: float = sourced(
        0.06, 0, 1, "fraction", f"balaguer2024; {S004}", "Fine-tuning adds +6 pp, at 1,000+ examples."
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
        True, None, None, "flag", f"{S000}; {S004}", "The wanted behaviour does not change week to week."
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

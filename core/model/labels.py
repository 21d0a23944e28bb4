"""What a person reads instead of an internal name: one label per input, choice, rule, fit tier,
cost component and result column, used by every page, chart, tooltip, table, message and memo.

Field names stay the ids of files, links and ``--set`` (CSV columns keep them); a person sees
``label(name)`` or, with its unit, ``titled(name)``. ``tests/unit/test_labels.py`` fails for a
field, choice or rule without a label here, so a new input is labelled when it lands.
"""

from __future__ import annotations

import re

from core.model.fields import unit
from core.model.strategies import LABELS as STRATEGY_LABELS

FIELD_LABELS: dict[str, str] = {
    # workload
    "queries_per_day": "Queries per day", "query_tokens": "Question length", "output_tokens": "Answer length",
    "horizon_months": "Horizon",
    # knowledge and retrieval
    "updates_per_month": "Knowledge updates", "corpus_tokens": "Corpus size",
    "changed_fraction_per_update": "Share of the corpus changed per update",
    "retrieved_tokens": "Retrieved context per query", "vector_search_cost_per_query_usd": "Vector search",
    "vector_store_monthly_usd": "Vector store", "retrieval_latency_ms": "Retrieval latency",
    "index_refresh_lag_days": "Index refresh lag",
    # training
    "labeled_examples": "Labelled examples", "tokens_per_example": "Tokens per example", "epochs": "Epochs",
    "training_method": "Training method", "training_price_per_mtok_usd": "API training price",
    "lora_run_cost_usd": "LoRA run", "full_run_cost_usd": "Full fine-tune run",
    "labeling_cost_per_example_usd": "Labelling cost", "max_retrains_per_month": "Retrain cap",
    "behaviour_retrains_per_month": "Scheduled retrains", "deprecation_interval_months": "Base model replaced every",
    "training_turnaround_days": "Retrain turnaround",
    # latency
    "latency_budget_ms": "Latency budget", "generation_latency_ms": "Base model answer time",
    "fine_tuned_generation_latency_ms": "Fine-tuned answer time", "prefill_ms_per_1k_tokens": "Prompt prefill time",
    # prices
    "provider": "Provider", "model": "Model", "price_basis": "Price basis", "input_price_per_mtok_usd": "Input price",
    "output_price_per_mtok_usd": "Output price", "fine_tuned_input_price_per_mtok_usd": "Fine-tuned input price",
    "fine_tuned_output_price_per_mtok_usd": "Fine-tuned output price",
    "embedding_price_per_mtok_usd": "Embedding price",
    "prompt_generation_cost_per_query_usd": "Prompting generation per query",
    "rag_generation_cost_per_query_usd": "RAG generation per query",
    "fine_tune_generation_cost_per_query_usd": "Fine-tuned generation per query",
    "hybrid_generation_cost_per_query_usd": "Hybrid generation per query",
    "embedding_cost_per_query_usd": "Query embedding per query",
    # prompts
    "system_prompt_tokens": "System prompt", "few_shot_tokens": "Few-shot examples",
    "fine_tuned_prompt_tokens": "Fine-tuned prompt",
    # operations
    "prompt_maintenance_usd_per_month": "Prompting upkeep", "rag_maintenance_usd_per_month": "RAG upkeep",
    "fine_tune_maintenance_usd_per_month": "Fine-tuning upkeep", "hybrid_maintenance_usd_per_month": "Hybrid upkeep",
    "dedicated_hosting": "Dedicated GPU hosting", "gpu_hour_usd": "GPU price", "gpus": "GPUs",
    # quality
    "baseline_accuracy": "Prompt-only accuracy", "rag_accuracy_gain": "RAG accuracy gain",
    "fine_tune_accuracy_gain": "Fine-tuning accuracy gain", "knowledge_gap_penalty": "Knowledge gap penalty",
    "behaviour_gap_penalty": "Behaviour gap penalty", "cost_per_error_usd": "Cost per wrong answer",
    # needs
    "knowledge_gap": "Knowledge gap: the model lacks facts", "behaviour_gap": "Behaviour gap: style, format or schema",
    "citations_required": "Citations or audit required",
    "prompt_baseline_meets_target": "Prompt-only baseline meets the target",
    "behaviour_stable": "Wanted behaviour is stable",
    # costs, calendar, quality and evidence (added with those inputs)
    "offline_workload": "Offline workload (batch prices)",
    "deadline_weeks": "Deadline",
    "chunk_tokens": "Chunk size",
    "embedding_dimensions": "Embedding dimensions",
    "vector_store_price_per_gb_month_usd": "Vector storage price",
    "vector_store_price_per_million_vectors_usd": "Price per million vectors",
    "training_price_estimated": "Training price is an estimate",
    "labelling_examples_per_person_week": "Labelling speed",
    "migration_person_weeks": "Base model migration effort",
    "cache_read_price_per_mtok_usd": "Cached input price",
    "cache_write_price_per_mtok_usd": "Cache write price",
    "batch_input_price_per_mtok_usd": "Batch input price",
    "batch_output_price_per_mtok_usd": "Batch output price",
    "context_window_tokens": "Context window",
    "fine_tuned_price_estimated": "Fine-tuned prices are an estimate",
    "batch_embedding_price_per_mtok_usd": "Batch embedding price",
    "cache_hit_rate": "Cache hit rate",
    "cache_writes_per_month": "Cache writes",
    "loaded_cost_per_person_week_usd": "Loaded cost per person-week",
    "team_size": "Team size",
    "prompt_build_person_weeks": "Prompting build",
    "rag_build_person_weeks": "RAG build",
    "fine_tune_build_person_weeks": "Fine-tuning build",
    "hybrid_build_person_weeks": "Hybrid build",
    "prompt_engineering_person_weeks_per_month": "Prompting engineering",
    "rag_engineering_person_weeks_per_month": "RAG engineering",
    "fine_tune_engineering_person_weeks_per_month": "Fine-tuning engineering",
    "hybrid_engineering_person_weeks_per_month": "Hybrid engineering",
    "new_items_per_month": "New knowledge items or behaviours",
    "prompt_change_person_weeks": "Adding one, prompting",
    "rag_change_person_weeks": "Adding one, RAG",
    "fine_tune_change_person_weeks": "Adding one, fine-tuning",
    "hybrid_change_person_weeks": "Adding one, hybrid",
    "accuracy_target": "Accuracy target",
    "lora_quality_share": "LoRA share of a full fine-tune's gain",
    "retrieval_fine_tune_error_cut": "Share of RAG's errors fine-tuning removes",
    "knowledge_decay_per_update": "Fine-tune accuracy lost per update not yet trained in",
    "prompt_eval_total": "Prompting: items scored",
    "prompt_eval_correct": "Prompting: items right",
    "rag_eval_total": "RAG: items scored",
    "rag_eval_correct": "RAG: items right",
    "fine_tune_eval_total": "Fine-tuning: items scored",
    "fine_tune_eval_correct": "Fine-tuning: items right",
    "hybrid_eval_total": "Hybrid: items scored",
    "hybrid_eval_correct": "Hybrid: items right",
}  # fmt: skip

# unit as the model records it -> as a person reads it ("" : no unit shown)
UNIT_WORDS: dict[str, str] = {
    "USD/query": "$/query", "USD/month": "$/month", "USD/run": "$/run", "USD/example": "$/example",
    "USD/1M tokens": "$ per 1M tokens", "USD/1M training tokens": "$ per 1M training tokens",
    "USD/GPU-hour": "$/GPU-hour", "USD/wrong answer": "$/wrong answer", "fraction": "0 to 1",
    "flag": "", "choice": "", "text": "",
    "USD/1M vectors-month": "$ per 1M vectors a month", "USD/GB-month": "$ per GB-month",
    "USD/person-week": "$/person-week",
}  # fmt: skip

CHOICE_LABELS: dict[str, dict[str, str]] = {
    "price_basis": {"tokens": "Per token (model prices)", "per_query": "Per query (seed table)"},
    "training_method": {"api": "API (per-token price)", "lora": "LoRA", "full": "Full fine-tune"},
}

FIT_LABELS = {
    "strong": "Strong",
    "possible": "Possible",
    "unlikely": "Unlikely",
    "avoid": "Avoid",
    "none": "Not graded",
}

COMPONENT_LABELS = {
    "generation": "Generation", "retrieval": "Retrieval", "retraining": "Retraining", "hosting": "Hosting",
    "maintenance": "Maintenance", "errors": "Wrong answers", "labelling": "Labelling",
    "training": "First training run", "index_build": "Index build", "cache_writes": "Cache writes",
    "vector_store": "Vector store", "reembedding": "Re-embedding", "migration": "Base model migration",
    "engineering": "Engineering", "build": "Build",
}  # fmt: skip

RULE_LABELS = {
    "knowledge_changes_faster_than_quarterly": "Knowledge changes faster than quarterly",
    "knowledge_gap_needs_retrieval": "A knowledge gap needs retrieval",
    "citations_need_retrieval": "Citations need retrieval",
    "behaviour_gap_needs_fine_tuning": "A behaviour gap needs fine-tuning",
    "too_few_examples": "Too few examples",
    "latency_budget": "Latency budget",
    "prompt_first": "Prompting first",
    "both_gaps_hybrid": "Both gaps: hybrid",
    "lowest_horizon_cost": "Lowest total cost",
    "no_feasible_strategy": "No strategy passes every rule",
    "few_examples_lean_rag": "Few examples: lean RAG",
    "under_1k_examples": "Under 1,000 examples",
    "fit_possible": "Possible fit",
    "fit_strong": "Strong fit",
    "lost": "Not recommended",
    "deadline": "Deadline",
    "context_window": "Context window",
    "accuracy_target": "Accuracy target",
    "weak_fit_last_resort": "Weak fit only as a last resort",
    "eval_results": "The team's eval results",
}

# result columns (CSV ids) -> words with their unit
RESULT_LABELS = {
    "strategy": "Strategy", "recommended": "Recommended", "fit_tier": "Fit", "feasible": "Passes every rule",
    "blocked_by": "Blocked by", "monthly_cost_usd": "Monthly cost ($/month)", "one_off_cost_usd": "One-off cost ($)",
    "cost_per_query_usd": "Cost per query ($)", "horizon_cost_usd": "Total over the horizon ($)",
    "latency_ms": "Latency (ms)", "meets_latency_budget": "Within latency budget",
    "expected_accuracy": "Expected accuracy", "stale_days": "Longest wait for an update (days)",
    "retrains_per_month": "Retrains per month", "month": "Month", "cumulative_cost_usd": "Cumulative cost ($)",
    "retrains": "Retrains that month", "margin_pct": "Advantage over runner-up (%)", "scenario": "Scenario",
    "blocked_by_sources": "Sources of the rules it breaks", "weeks_to_production": "Weeks to production",
    "people_one_off_usd": "People, one-off ($)", "people_monthly_usd": "People, monthly ($/month)",
    "accuracy_low": "Accuracy, low end", "accuracy_high": "Accuracy, high end",
    "accuracy_measured": "Accuracy measured by the team", "meets_accuracy_target": "Meets the accuracy target",
    "prompt_tokens": "Prompt size (tokens)", "price_estimate": "Cost rests on an estimated price",
}  # fmt: skip


def label(name: str) -> str:
    """The words for a field, choice value's field, strategy, rule, component or result column."""
    for table in (FIELD_LABELS, STRATEGY_LABELS, RESULT_LABELS, COMPONENT_LABELS, RULE_LABELS):
        if name in table:
            return table[name]
    return name.replace("_", " ").capitalize()  # never an id with underscores on a page


def unit_words(unit: str) -> str:
    """A unit as a person reads it: ``USD/month`` -> ``$/month``; ``flag`` -> no unit."""
    return UNIT_WORDS.get(unit, unit)


def titled(name: str) -> str:
    """A field's label with its unit: ``Queries per day (queries/day)``, ``Input price ($ per 1M tokens)``."""
    words = unit_words(unit(name))
    return f"{label(name)} ({words})" if words else label(name)


def choice_label(name: str, value: str) -> str:
    """A choice as words: ``choice_label("training_method", "lora")`` -> ``LoRA``."""
    return CHOICE_LABELS.get(name, {}).get(value, value)


# an id with an underscore anywhere; a one-word field id ("gpus", "epochs") only as "name = value",
# since "model" or "epochs" in a sentence are plain words
_IDS = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z][a-z0-9]*(?= = )")


def in_words(text: str) -> str:
    """``text`` with every field, rule or result id replaced by its label (for core's messages
    shown on a page: ``input_price_per_mtok_usd = -1`` -> ``Input price = -1``)."""
    return _IDS.sub(lambda m: label(m[0]) if _known(m[0]) else m[0], text)


def _known(name: str) -> bool:
    return any(
        name in t for t in (FIELD_LABELS, STRATEGY_LABELS, RESULT_LABELS, COMPONENT_LABELS, RULE_LABELS)
    )

"""The four strategies, the constants every formula shares, and the decision rules' sources."""

from __future__ import annotations

import numpy as np

from core.model.scenario import S000, S001, S002, S003, S004

STRATEGIES = ("prompt", "rag", "fine_tune", "hybrid")
LABELS = {"prompt": "Prompting", "rag": "RAG", "fine_tune": "Fine-tuning", "hybrid": "Hybrid"}
# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
COLOURS = {"prompt": "#999999", "rag": "#0072B2", "fine_tune": "#E69F00", "hybrid": "#009E73"}

USES_RETRIEVAL = np.array([False, True, False, True])
FINE_TUNED = np.array([False, False, True, True])

DAYS_PER_MONTH = 30  # 003's cost table prices a month as 30 days ($33/day -> $990/month)
DAYS_PER_YEAR = 365  # for the KnowMBA "> 1M queries/year" threshold
QUARTERLY = 1 / 3  # updates/month: "changes more than quarterly" (004)

MONTHLY_COMPONENTS = ("generation", "retrieval", "retraining", "hosting", "maintenance", "errors")
ONE_OFF_COMPONENTS = ("labelling", "training", "index_build")

FIT_TIERS = ("strong", "possible", "unlikely", "avoid")

# rule id -> (source, what it says). Every reason the engine gives names one of these.
RULES: dict[str, tuple[str, str]] = {
    "knowledge_changes_faster_than_quarterly": (
        f"{S004}; {S001}",
        "Knowledge that changes more often than quarterly needs retrieval.",
    ),
    "knowledge_gap_needs_retrieval": (
        f"{S000}; {S002}",
        "Missing facts are a knowledge gap: retrieval closes it; teaching facts by fine-tuning "
        "is to be avoided.",
    ),
    "citations_need_retrieval": (
        f"{S001}; {S003}",
        "Citations or audit need a retrievable source for every answer.",
    ),
    "behaviour_gap_needs_fine_tuning": (
        f"{S000}; {S002}",
        "A behaviour gap (style, format, schema) is what fine-tuning is for.",
    ),
    "too_few_examples": (S001, "Fewer than 200 labelled examples cannot fine-tune."),
    "latency_budget": (
        S001,
        "Answer latency (generation, plus retrieval where used) must fit the budget.",
    ),
    "prompt_first": (
        f"{S002}; {S001}",
        "When a prompt-only baseline meets the target, prompting comes first.",
    ),
    "both_gaps_hybrid": (
        f"{S000}; {S004}",
        "Knowledge and behaviour gaps together call for both: a fine-tuned model with retrieval.",
    ),
    "lowest_horizon_cost": (
        S000,
        "Among strategies that pass every hard constraint, the lowest total cost over the "
        "horizon wins (KnowMBA Total Cost of Customization, month by month).",
    ),
    "no_feasible_strategy": (
        "assumption",
        "No strategy passes every hard constraint: among those that can be built at all, the one "
        "breaking the fewest, then the cheapest, is shown.",
    ),
    "few_examples_lean_rag": (S003, "Under 500 quality examples: lean RAG."),
    "under_1k_examples": (f"{S000}; {S001}", "Under 1,000 examples: probably don't fine-tune."),
    "fit_possible": (S000, "Style or format consistency with more than 5,000 examples."),
    "fit_strong": (
        S000,
        "Stable narrow behaviour, more than 10,000 examples and more than 1M queries a year.",
    ),
    "lost": ("engine", "Why another strategy was not recommended."),
}

# hard-constraint rules, in the order they are reported
HARD_RULES = (
    "knowledge_gap_needs_retrieval",
    "knowledge_changes_faster_than_quarterly",
    "citations_need_retrieval",
    "behaviour_gap_needs_fine_tuning",
    "too_few_examples",
    "latency_budget",
)

"""The decision rules: each threshold named once, the tests that use them (for one scenario or
many as arrays), and every rule's source and text."""

from __future__ import annotations

from typing import Any

from core.model.sources import (
    ACCURACY_GAP,
    AVOID_FACTS,
    CONTEXT_LIMITS,
    DEPLOY_FAST_RAG,
    EVAL_SET,
    EXAMPLES_MINIMUM,
    FEW_EXAMPLES_RAG,
    GENAI_PRICES,
    MEASURE_GAP,
    PROBABLY_DONT,
    S000,
    S001,
    S002,
    S003,
    S004,
    SOURCES,
    WHEN_EACH_WINS_S4,
    Quote,
    ids,
    quoted,
    record,
)

# KnowMBA's "When Fine-Tuning Pays Off" grades fine-tuning only: prompting and RAG get "none".
# "unlikely" is KnowMBA's "Probably Don't Fine-Tune".
FIT_TIERS = ("strong", "possible", "unlikely", "avoid", "none")
STRONG, POSSIBLE, UNLIKELY, AVOID, NO_TIER = range(len(FIT_TIERS))

QUARTERLY = 1 / 3  # updates/month: "changes more than quarterly" (004)
MIN_EXAMPLES = 200  # 001: "minimum around 200 for basic tasks"
LEAN_RAG_EXAMPLES = 500  # 003: "under 500 quality examples: lean RAG"
FULL_GAIN_EXAMPLES = 1_000  # 000, 001: under 1,000 probably don't fine-tune; the full gain from 1,000
POSSIBLE_FIT_EXAMPLES = 5_000  # 000: style or format consistency with more than 5,000 examples
STRONG_FIT_EXAMPLES = 10_000  # 000: stable narrow behaviour with more than 10,000 examples
STRONG_FIT_QUERIES_PER_YEAR = 1_000_000  # 000: and more than 1M queries a year
DAYS_PER_YEAR = 365  # for the KnowMBA "> 1M queries/year" threshold
_ROUNDING = 1e-9  # 1/3 update a month, however it was rounded, is quarterly, not faster


def faster_than_quarterly(updates_per_month: Any) -> Any:
    """True where knowledge changes more often than quarterly (a scalar or an array)."""
    return updates_per_month > QUARTERLY + _ROUNDING


def over_context_window(input_tokens: Any, context_window_tokens: Any) -> Any:
    """True where a prompt of ``input_tokens`` does not fit the model's context window (0 = not
    known: never over)."""
    return (context_window_tokens > 0) & (input_tokens > context_window_tokens)


def possible_fit(examples: Any, behaviour_gap: Any) -> Any:
    """KnowMBA's "possible" fit for fine-tuning: a behaviour gap and enough examples."""
    return behaviour_gap & (examples > POSSIBLE_FIT_EXAMPLES)


def stable_possible_fit(examples: Any, behaviour_gap: Any, behaviour_stable: Any) -> Any:
    """A stable behaviour gap with 1,000 examples or more: "possible" (000: under 1K probably
    don't; 001: 1,000+ for reliable behaviour change), when no "probably don't" condition holds."""
    return behaviour_gap & behaviour_stable & (examples >= FULL_GAIN_EXAMPLES)


def probably_dont(examples: Any, knowledge_problem: Any, rapid_change: Any) -> Any:
    """KnowMBA's "Probably Don't Fine-Tune": a knowledge problem, under 1K examples, or rapidly
    changing data (pass False for the last two where retrieval carries the knowledge)."""
    return knowledge_problem | (examples < FULL_GAIN_EXAMPLES) | rapid_change


def strong_fit(examples: Any, behaviour_gap: Any, behaviour_stable: Any, queries_per_day: Any) -> Any:
    """KnowMBA's "strong" fit: a stable behaviour gap, many examples and a high yearly volume."""
    per_year = queries_per_day * DAYS_PER_YEAR
    return (
        behaviour_gap
        & behaviour_stable
        & (examples > STRONG_FIT_EXAMPLES)
        & (per_year > STRONG_FIT_QUERIES_PER_YEAR)
    )


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
        f"A behaviour gap (style, format, schema) is what fine-tuning is for, given {LEAN_RAG_EXAMPLES} "
        "quality examples or more (fewer: RAG, not enough data to fine-tune well).",
    ),
    "too_few_examples": (S001, f"Fewer than {MIN_EXAMPLES} labelled examples cannot fine-tune."),
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
        "No strategy meets every constraint. The closest is shown (among those that can be built "
        "at all, the one breaking the fewest rules, then the cheapest); it is not a recommendation.",
    ),
    "few_examples_lean_rag": (
        S003,
        f"Under {LEAN_RAG_EXAMPLES} quality examples: RAG (not enough data to fine-tune well).",
    ),
    "under_1k_examples": (
        f"{S000}; {S001}",
        f"Under {FULL_GAIN_EXAMPLES:,} examples: probably don't fine-tune.",
    ),
    "fit_possible": (S000, f"Style or format consistency with more than {POSSIBLE_FIT_EXAMPLES:,} examples."),
    "fit_strong": (
        S000,
        f"Stable narrow behaviour, more than {STRONG_FIT_EXAMPLES:,} examples and more than "
        f"{STRONG_FIT_QUERIES_PER_YEAR / 1e6:g}M queries a year.",
    ),
    "deadline": (
        S003,
        "A strategy that cannot reach production before the deadline is ruled out "
        "(deploy in < 1 week -> RAG).",
    ),
    "lost": ("engine", "Why another strategy was not recommended."),
    "context_window": (
        f"{S000}; {GENAI_PRICES}",
        "The prompt (instructions, few-shot examples, retrieved context and the question) must fit "
        'the model\'s context window; KnowMBA names "the prompt is hitting context limits" as a '
        "reason to fine-tune.",
    ),
    "accuracy_target": (
        S002,
        "Expected accuracy must reach the product's accuracy target (measure the gap, then decide).",
    ),
    "weak_fit_last_resort": (
        f"{S003}; {S000}",
        "A fine-tuned strategy graded 'unlikely' or 'avoid' is recommended only when nothing else "
        "passes every rule.",
    ),
    "eval_results": (
        S001,
        "The team's own eval results (correct out of items scored) replace the assumed accuracy.",
    ),
}

# hard-constraint rules, in the order they are reported
HARD_RULES = (
    "knowledge_gap_needs_retrieval",
    "knowledge_changes_faster_than_quarterly",
    "citations_need_retrieval",
    "behaviour_gap_needs_fine_tuning",
    "too_few_examples",
    "latency_budget",
    "context_window",
    "deadline",
    "accuracy_target",
)


# rule id -> the exact sentences it rests on, one per source it names (RULES keeps its shape;
# a rule sourced to "assumption" or "engine" has none).
RULE_QUOTES: dict[str, tuple[Quote, ...]] = {
    "knowledge_changes_faster_than_quarterly": (
        Quote(WHEN_EACH_WINS_S4, "For any use case requiring attribution or where the underlying data changes "
              "more than quarterly, RAG is not optional — it is table stakes [S4]."),
        Quote(S001, "If your knowledge base changes daily or weekly (new product lines, updated policies, recent "
              "regulatory filings), RAG wins by a wide margin."),
    ),
    "knowledge_gap_needs_retrieval": (
        Quote(S000, "(1) Does the answer require facts that change over time or differ per customer? → RAG."),
        Quote(S002, "RAG primarily solves the knowledge gap."),
    ),
    "citations_need_retrieval": (
        Quote(S001, "RAG gives you a retrievable source for every answer."),
        Quote(S003, "Do you need source citations? → RAG"),
    ),
    "behaviour_gap_needs_fine_tuning": (
        Quote(S000, "(2) Does the model need a consistent voice, format, or specialized output structure (legal "
              "contracts, code style, JSON schema adherence)? → Fine-tune."),
        Quote(S002, "Fine-tuning primarily solves the behavior gap."),
    ),
    "too_few_examples": (
        EXAMPLES_MINIMUM,
    ),
    "latency_budget": (
        Quote(S001, "RAG adds retrieval latency, typically 200-800ms depending on infrastructure, embedding "
              "model, and vector DB setup."),
    ),
    "prompt_first": (
        MEASURE_GAP,
        Quote(S001, "Establish a prompt baseline first; if prompting gets you 80%, fine-tuning may not be "
              "worth it"),
    ),
    "both_gaps_hybrid": (
        Quote(S000, "The decision rule that survives contact with reality: 'Knowledge → RAG. Behavior → "
              "Fine-tune. Both → both.'"),
        Quote(S004, "This is the hybrid case, and the evidence suggests it outperforms either technique in "
              "isolation [S1, S2]."),
    ),
    "lowest_horizon_cost": (
        Quote(S000, "Total Cost of Customization = (RAG Cost per Query × Queries) + (Fine-Tune Training Cost / "
              "Lifetime Queries) + (Maintenance Cost × Months)"),
    ),
    "few_examples_lean_rag": (
        FEW_EXAMPLES_RAG,
    ),
    "under_1k_examples": (
        Quote(S000, "Knowledge problem OR < 1K examples OR rapidly changing data"),
        EXAMPLES_MINIMUM,
    ),
    "fit_possible": (Quote(S000, "Style/format consistency + > 5K examples"),),
    "fit_strong": (Quote(S000, "Stable narrow behavior + > 10K labeled examples + > 1M queries/year"),),
    "deadline": (DEPLOY_FAST_RAG,),
    "context_window": (CONTEXT_LIMITS,),
    "accuracy_target": (MEASURE_GAP, ACCURACY_GAP),
    "weak_fit_last_resort": (FEW_EXAMPLES_RAG, PROBABLY_DONT, AVOID_FACTS),
    "eval_results": (EVAL_SET,),
}  # fmt: skip


def _cited_rules(rule: str, text: str) -> list[str]:
    """The rules a reason rests on: its own, or for a "lost" line the hard rules it repeats."""
    if rule in RULE_QUOTES:
        return [rule]
    return [r for r in HARD_RULES if RULES[r][1] in text]


def _sentence(source_id: str, rules: list[str]) -> str | None:
    """The first sentence of ``rules`` quoted from ``source_id`` (or a reference it cites)."""
    for r in rules:
        for q in RULE_QUOTES.get(r, ()):
            if source_id in (q.source, SOURCES[q.source].cited_by):
                return q.sentence
    return None


def reason_sources(rule: str, source: str, text: str = "") -> list[dict[str, Any]]:
    """The JSON source objects of one reason: each source it names, with the sentence relied on."""
    rules = _cited_rules(rule, text)
    return [record(i, _sentence(i, rules)) for i in ids(source)]


def reason_citation(rule: str, source: str, text: str = "") -> str:
    """One reason's sources for a reader: each cited, with its sentence where one is quoted."""
    rules = _cited_rules(rule, text)
    found = []
    for i in ids(source) or [source]:
        if i not in SOURCES:
            found.append(i)
            continue
        sentence = _sentence(i, rules)
        found.append(quoted(Quote(i, sentence)) if sentence else SOURCES[i].citation())
    return "; ".join(found)


# rule id -> (input, direction, step, what to say): the single input whose change can lift the
# rule, searched by ``core.analyses.fixes`` and rounded to ``step`` on the side that passes.
# direction: "up" or "down" (a number), "off" (a flag). A rule missing here has no change a team
# can make (a gap is a fact, not a choice).
FIXES: dict[str, tuple[str, str, float, str]] = {
    "knowledge_changes_faster_than_quarterly": (
        "updates_per_month",
        "down",
        0.001,
        "update the knowledge at most {value:.3g} times a month",
    ),
    "citations_need_retrieval": ("citations_required", "off", 1, "drop the citation requirement"),
    "too_few_examples": (
        "labeled_examples",
        "up",
        1,
        "collect {delta:,.0f} more examples ({value:,.0f} in all)",
    ),
    "latency_budget": ("latency_budget_ms", "up", 1, "raise the latency budget to {value:,.0f} ms"),
    "deadline": ("deadline_weeks", "up", 0.1, "relax the deadline to {value:,.1f} weeks"),
    "accuracy_target": ("accuracy_target", "down", 0.001, "lower the accuracy target to {value:.1%}"),
}

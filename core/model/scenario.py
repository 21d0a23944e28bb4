"""The validated scenario: every input of the cost and decision engine, grouped.

Each field carries its unit, its bounds and the source of its default (a seed file name from
``shared/seeds``, a vendor page with its date, or "assumption") in ``json_schema_extra``, so the
Method page and the CLI can show them without a second copy.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from core.model.errors import ScenarioError

S000 = "000_73d04ac0515baca1.txt"  # KnowMBA, Fine-Tuning vs RAG
S001 = "001_152d5341a0ddeb47.txt"  # RAG vs Fine-Tuning: how to choose
S002 = "002_e64fd2cacaa170fa.txt"  # How I Actually Choose
S003 = "003_8b562b0e84cc63a3.txt"  # ScaledByDesign decision framework
S004 = "004_98786da00730bb42.txt"  # When Each Strategy Wins
GENAI_PRICES = "genai-prices 0.2.3 bundled data (openai, verified 2026-10-14)"
ASSUMPTION = "assumption"

# Text fields hold names: no control characters (a CR or tab could break a CSV row or a log line).
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
HEADLINE = ("queries_per_day", "updates_per_month", "labeled_examples", "latency_budget_ms")


def _f(default: Any, lo: float | None, hi: float | None, unit: str, source: str, doc: str) -> Any:
    """A numeric or boolean field with its bounds, unit and source recorded once."""
    extra = {"unit": unit, "source": source}
    return Field(default, ge=lo, le=hi, description=doc, json_schema_extra=extra)


_BOOL_TEXT = {"true": True, "false": False, "1": True, "0": False}


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _keep_kinds_apart(cls, value: Any, info: ValidationInfo) -> Any:
        """Booleans are not numbers and numbers are not booleans, in every file format;
        true/false (or 1/0) as text is accepted for the CLI and CSV."""
        kind = cls.model_fields[info.field_name].annotation
        if kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in _BOOL_TEXT:
                return _BOOL_TEXT[value.strip().lower()]
            raise ValueError("expected true or false")
        if kind in (int, float) and isinstance(value, bool):
            raise ValueError("expected a number, not true or false")
        if kind is float and isinstance(value, int):
            return float(value)
        if kind is str and isinstance(value, str):
            return value.strip()  # names compare and export the same whatever the padding
        return value


class Workload(_Group):
    queries_per_day: float = _f(10_000, 10, 10_000_000, "queries/day", S003, "Query volume.")
    query_tokens: float = _f(50, 1, 100_000, "tokens", ASSUMPTION, "Tokens in a user's question.")
    output_tokens: float = _f(250, 1, 100_000, "tokens", ASSUMPTION, "Tokens in an answer.")
    horizon_months: int = _f(12, 1, 60, "months", ASSUMPTION, "How far ahead cost is counted.")


class Knowledge(_Group):
    updates_per_month: float = _f(
        4, 0, 60, "updates/month", ASSUMPTION, "Knowledge update cadence; 0 = static."
    )
    corpus_tokens: float = _f(10_000_000, 0, 1e12, "tokens", ASSUMPTION, "Size of the corpus.")
    changed_fraction_per_update: float = _f(
        0.02, 0, 1, "fraction", ASSUMPTION, "Share of the corpus re-embedded on each update."
    )
    retrieved_tokens: float = _f(
        2_000, 0, 200_000, "tokens", S003, "Context retrieved per query (topK 5 x ~400 tokens)."
    )
    vector_search_cost_per_query_usd: float = _f(
        0.0002, 0, 1, "USD/query", S003, "Vector search per query ($0.0002)."
    )
    vector_store_monthly_usd: float = _f(50, 0, 1e7, "USD/month", ASSUMPTION, "Vector store hosting.")
    retrieval_latency_ms: float = _f(
        300, 0, 10_000, "ms", S001, "Retrieval step latency (200-800 ms in 001, 100-500 in 003)."
    )
    index_refresh_lag_days: float = _f(
        0, 0, 365, "days", S000, "Delay before an update is searchable (RAG updates instantly)."
    )


class Training(_Group):
    labeled_examples: int = _f(
        1_000, 0, 100_000, "examples", ASSUMPTION, "Labelled input/output examples available."
    )
    tokens_per_example: float = _f(1_000, 1, 1_000_000, "tokens", ASSUMPTION, "Per example.")
    epochs: float = _f(3, 1, 50, "epochs", ASSUMPTION, "Passes over the training set.")
    training_method: Literal["api", "lora", "full"] = Field(
        "api",
        description="api: per-token training price; lora or full: a fixed cost per run.",
        json_schema_extra={"unit": "choice", "source": S004},
    )
    training_price_per_mtok_usd: float = _f(
        3.0, 0, 10_000, "USD/1M training tokens", "core/data/training_prices.csv", "API price."
    )
    lora_run_cost_usd: float = _f(300, 0, 1e8, "USD/run", S004, "LoRA run (~$300).")
    full_run_cost_usd: float = _f(35_000, 0, 1e8, "USD/run", S004, "Full 40B+ run (~$35,000).")
    labeling_cost_per_example_usd: float = _f(
        1.0, 0, 10_000, "USD/example", ASSUMPTION, "One-off labelling cost."
    )
    max_retrains_per_month: float = _f(1, 0, 30, "retrains/month", ASSUMPTION, "Retrain policy cap.")
    behaviour_retrains_per_month: float = _f(
        0, 0, 30, "retrains/month", ASSUMPTION, "Scheduled retrains of both fine-tuned strategies."
    )
    deprecation_interval_months: float = _f(
        12, 1, 120, "months", S000, "Base model replaced every 6-12 months; forces a retrain."
    )
    training_turnaround_days: float = _f(
        3, 0, 365, "days", S003, "From new data to a deployed retrain (days per experiment)."
    )


class Latency(_Group):
    latency_budget_ms: float = _f(
        2_000, 100, 10_000, "ms", ASSUMPTION, "End-to-end latency the product can afford."
    )
    generation_latency_ms: float = _f(
        800, 0, 60_000, "ms", ASSUMPTION, "Base model answer time, before prompt prefill."
    )
    fine_tuned_generation_latency_ms: float = _f(
        800, 0, 60_000, "ms", ASSUMPTION, "Fine-tuned model answer time, before prefill."
    )
    prefill_ms_per_1k_tokens: float = _f(
        20, 0, 10_000, "ms/1k input tokens", ASSUMPTION, "Prompt processing time."
    )


class Prices(_Group):
    provider: str = Field(
        "openai",
        min_length=1,
        max_length=80,
        pattern=PRINTABLE,
        description="genai-prices provider id.",
        json_schema_extra={"unit": "text", "source": GENAI_PRICES},
    )
    model: str = Field(
        "gpt-4o-mini",
        min_length=1,
        max_length=120,
        pattern=PRINTABLE,
        description="genai-prices model id.",
        json_schema_extra={"unit": "text", "source": GENAI_PRICES},
    )
    price_basis: Literal["tokens", "per_query"] = Field(
        "tokens",
        description="tokens: tokens x per-1M prices; per_query: the per-query costs below.",
        json_schema_extra={"unit": "choice", "source": S003},
    )
    input_price_per_mtok_usd: float = _f(0.15, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Base in.")
    output_price_per_mtok_usd: float = _f(0.6, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Base out.")
    fine_tuned_input_price_per_mtok_usd: float = _f(
        0.3, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Fine-tuned model input."
    )
    fine_tuned_output_price_per_mtok_usd: float = _f(
        1.2, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "Fine-tuned model output."
    )
    embedding_price_per_mtok_usd: float = _f(
        0.02, 0, 10_000, "USD/1M tokens", GENAI_PRICES, "text-embedding-3-small."
    )
    prompt_generation_cost_per_query_usd: float = _f(
        0.004, 0, 100, "USD/query", ASSUMPTION, "per_query basis: prompt strategy generation."
    )
    rag_generation_cost_per_query_usd: float = _f(
        0.003, 0, 100, "USD/query", S003, "per_query basis: RAG generation ($0.003)."
    )
    fine_tune_generation_cost_per_query_usd: float = _f(
        0.004, 0, 100, "USD/query", S003, "per_query basis: fine-tuned generation ($0.004)."
    )
    hybrid_generation_cost_per_query_usd: float = _f(
        0.004, 0, 100, "USD/query", S003, "per_query basis: hybrid generation ($0.004)."
    )
    embedding_cost_per_query_usd: float = _f(
        0.0001, 0, 100, "USD/query", S003, "per_query basis: query embedding ($0.0001)."
    )


class Prompts(_Group):
    system_prompt_tokens: float = _f(
        500, 0, 1_000_000, "tokens", ASSUMPTION, "Instructions in the base model's prompt."
    )
    few_shot_tokens: float = _f(
        1_500, 0, 1_000_000, "tokens", ASSUMPTION, "Few-shot examples the prompt strategy carries."
    )
    fine_tuned_prompt_tokens: float = _f(
        100, 0, 1_000_000, "tokens", S004, "Shorter prompt of a fine-tuned model."
    )


class Operations(_Group):
    prompt_maintenance_usd_per_month: float = _f(200, 0, 1e8, "USD/month", ASSUMPTION, "Prompt.")
    rag_maintenance_usd_per_month: float = _f(1_000, 0, 1e8, "USD/month", ASSUMPTION, "RAG.")
    fine_tune_maintenance_usd_per_month: float = _f(
        2_000, 0, 1e8, "USD/month", ASSUMPTION, "Fine-tuned model ops."
    )
    hybrid_maintenance_usd_per_month: float = _f(2_500, 0, 1e8, "USD/month", ASSUMPTION, "Both pipelines.")
    dedicated_hosting: bool = _f(
        False, None, None, "flag", S001, "Fine-tuned model on dedicated GPUs (no per-token price)."
    )
    gpu_hour_usd: float = _f(2.0, 0, 1_000, "USD/GPU-hour", ASSUMPTION, "Dedicated GPU price.")
    gpus: float = _f(1, 0, 1_000, "GPUs", ASSUMPTION, "GPUs kept up for dedicated hosting.")


class Quality(_Group):
    baseline_accuracy: float = _f(
        0.70, 0, 1, "fraction", ASSUMPTION, "Prompt-only accuracy with no gap in the way."
    )
    rag_accuracy_gain: float = _f(0.05, 0, 1, "fraction", S004, "RAG adds +5 pp (Microsoft).")
    fine_tune_accuracy_gain: float = _f(
        0.06, 0, 1, "fraction", S004, "Fine-tuning adds +6 pp (Microsoft), at 1,000+ examples."
    )
    knowledge_gap_penalty: float = _f(
        0.15, 0, 1, "fraction", ASSUMPTION, "Accuracy lost without retrieval when facts are missing."
    )
    behaviour_gap_penalty: float = _f(
        0.10, 0, 1, "fraction", ASSUMPTION, "Accuracy lost without fine-tuning under a behaviour gap."
    )
    cost_per_error_usd: float = _f(
        0, 0, 1e6, "USD/wrong answer", ASSUMPTION, "Cost of one wrong answer; 0 leaves quality out."
    )


class Needs(_Group):
    knowledge_gap: bool = _f(True, None, None, "flag", S002, "The model lacks facts it needs.")
    behaviour_gap: bool = _f(False, None, None, "flag", S002, "Style, format or schema is off.")
    citations_required: bool = _f(False, None, None, "flag", S001, "Answers need sources or audit.")
    prompt_baseline_meets_target: bool = _f(
        False, None, None, "flag", S002, "A well-engineered prompt already meets the target."
    )
    behaviour_stable: bool = _f(
        True, None, None, "flag", S000, "The wanted behaviour does not change week to week."
    )


GROUPS: dict[str, type[_Group]] = {
    "workload": Workload,
    "knowledge": Knowledge,
    "training": Training,
    "latency": Latency,
    "prices": Prices,
    "prompts": Prompts,
    "operations": Operations,
    "quality": Quality,
    "needs": Needs,
}


class Scenario(BaseModel):
    """Every input of one scenario. Field names are unique across groups."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    workload: Workload = Field(default_factory=Workload)
    knowledge: Knowledge = Field(default_factory=Knowledge)
    training: Training = Field(default_factory=Training)
    latency: Latency = Field(default_factory=Latency)
    prices: Prices = Field(default_factory=Prices)
    prompts: Prompts = Field(default_factory=Prompts)
    operations: Operations = Field(default_factory=Operations)
    quality: Quality = Field(default_factory=Quality)
    needs: Needs = Field(default_factory=Needs)

    def flat(self) -> dict[str, Any]:
        """Every input by its unique name, in group order."""
        return {k: v for group in GROUPS for k, v in getattr(self, group).model_dump().items()}

    def updated(self, changes: dict[str, Any]) -> Scenario:
        """A new scenario with ``changes`` (name or dotted path -> value) applied and checked."""
        nested = self.model_dump()
        for key, value in changes.items():
            group, name = locate(key)
            nested[group][name] = value
        return build(nested)


def _field_index() -> dict[str, tuple[str, Any]]:
    index: dict[str, tuple[str, Any]] = {}
    for group, model in GROUPS.items():
        for name, info in model.model_fields.items():
            assert name not in index, f"field name {name} is not unique"
            index[name] = (group, info)
    return index


FIELDS: dict[str, tuple[str, Any]] = _field_index()
NUMERIC = [n for n, (_, info) in FIELDS.items() if info.annotation in (int, float)]
BOOLEAN = [n for n, (_, info) in FIELDS.items() if info.annotation is bool]
CHOICES = {
    n: tuple(info.annotation.__args__)
    for n, (_, info) in FIELDS.items()
    if getattr(info.annotation, "__origin__", None) is Literal
}


def locate(key: str) -> tuple[str, str]:
    """(group, field) for a unique field name or a ``group.field`` path."""
    if "." in key:
        group, _, name = key.partition(".")
        if group in GROUPS and name in GROUPS[group].model_fields:
            return group, name
    elif key in FIELDS:
        return FIELDS[key][0], key
    raise ScenarioError(f"unknown field {key!r}: see `python -m core fields` for the names")


def bounds(name: str) -> tuple[float | None, float | None]:
    """(lowest, highest) allowed value of a numeric field."""
    lo = hi = None
    for m in FIELDS[name][1].metadata:
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    return lo, hi


def unit(name: str) -> str:
    return FIELDS[name][1].json_schema_extra["unit"]


def source(name: str) -> str:
    return FIELDS[name][1].json_schema_extra["source"]


def allowed(name: str) -> str:
    """Human text of what a field accepts."""
    group, info = FIELDS[name]
    if name in CHOICES:
        return "one of " + ", ".join(CHOICES[name])
    if name in BOOLEAN:
        return "true or false"
    if info.annotation is str:
        max_length = next(m.max_length for m in info.metadata if hasattr(m, "max_length"))
        return f"text of 1 to {max_length} characters, no control characters"
    lo, hi = bounds(name)
    kind = "a whole number" if info.annotation is int else "a number"
    return f"{kind} from {number(lo)} to {number(hi)} {unit(name)}"


def number(value: float) -> str:
    """A bound or value for a message: 10,000,000 rather than 1e+07."""
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) < 1e13 else f"{value:,g}"


def build(data: Any) -> Scenario:
    """Validate nested data (a dict of groups) into a Scenario, or raise ScenarioError."""
    if not isinstance(data, dict):
        raise ScenarioError(f"scenario must be a table of groups, got {type(data).__name__}")
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        raise _scenario_error(err) from None


def _scenario_error(err: ValidationError) -> ScenarioError:
    messages = []
    for e in err.errors()[:5]:
        loc = [str(p) for p in e["loc"]]
        name = loc[-1] if loc else "scenario"
        value = e.get("input")
        shown = _show(value)
        if e["type"] == "extra_forbidden":
            messages.append(f"unknown field {'.'.join(loc)!r}: not an input of the scenario")
        elif name in FIELDS and len(loc) == 2:
            messages.append(f"{name} = {shown} is not allowed: expected {allowed(name)}")
        else:
            messages.append(f"{'.'.join(loc) or 'scenario'} = {shown}: {e['msg']}")
    more = len(err.errors()) - 5
    return ScenarioError("; ".join(messages) + (f" (and {more} more)" if more > 0 else ""))


def _show(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

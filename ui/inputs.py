"""Input widgets: the headline sliders (bound to the URL) and the detail inputs by group.

Each widget's key is its scenario field name; ``ui.state`` owns the values in session state and
``ui.tokens`` the labels a select slider shows (which are also its URL tokens).
"""

from __future__ import annotations

import streamlit as st

from core.io.prices import chat_models, prices_for, providers
from core.model.errors import ScenarioError
from core.model.fields import BOOLEAN, CHOICES, FIELDS, bounds, source, unit
from core.model.scenario import Scenario
from ui.state import start_value
from ui.tokens import CADENCES, EXAMPLE_STEPS, QUERY_STEPS, label


def headline_sliders(base: Scenario) -> None:
    """The five sliders every page shows; ``base`` (the preset) gives the values the URL omits."""
    flat = base.flat()
    _select("Queries per day", "queries_per_day", QUERY_STEPS, flat)
    _select("Knowledge updates", "updates_per_month", tuple(CADENCES), flat)
    _select("Labelled examples", "labeled_examples", EXAMPLE_STEPS, flat)
    for name, text, step, fmt in (
        ("latency_budget_ms", "Latency budget", 50.0, "%d ms"),
        ("horizon_months", "Horizon", 1, "%d months"),
    ):
        lo, hi = bounds(name)
        kind = FIELDS[name][1].annotation
        st.slider(text, kind(lo), kind(hi), value=kind(flat[name]), step=kind(step), format=fmt, key=name,
                  help=help_text(name), bind="query-params")  # fmt: skip


def _select(text: str, name: str, grid: tuple[float, ...], flat: dict) -> None:
    default, current = flat[name], st.session_state.get(name, flat[name])
    st.select_slider(text, sorted({*grid, default, current}), value=default, key=name,
                     format_func=lambda value: label(name, value), help=help_text(name) + " Log scale.",
                     bind="query-params")  # fmt: skip


def help_text(name: str) -> str:
    info = FIELDS[name][1]
    return f"{info.description} Unit: {unit(name)}. Source: {source(name)}."


# Detail widgets live in lazy expanders and on one page: "session" keeps a hidden widget's last
# value under its key (without it, a value written before the widget first appeared comes back).
KEEP = "session"
# unit -> (display format, arrow step) of the number inputs
_NUMBER_STYLE = {
    "tokens": ("%.0f", 100.0), "fraction": ("%.2f", 0.01), "USD/query": ("%.5f", 0.0001),
    "USD/1M tokens": ("%.3f", 0.05), "USD/1M training tokens": ("%.2f", 0.5), "ms": ("%.0f", 50.0),
    "USD/month": ("%.0f", 100.0), "USD/run": ("%.0f", 100.0), "USD/example": ("%.2f", 0.1),
    "days": ("%.1f", 1.0), "months": ("%.0f", 1.0), "retrains/month": ("%.2f", 0.25),
    "ms/1k input tokens": ("%.1f", 5.0), "epochs": ("%.0f", 1.0), "USD/GPU-hour": ("%.2f", 0.1),
    "GPUs": ("%.0f", 1.0), "USD/wrong answer": ("%.2f", 1.0),
}  # fmt: skip


def field(name: str, text: str) -> None:
    """The widget of one detail field: number, toggle or choice, keyed by its name."""
    start = start_value(name)  # used only when neither the session nor the browser holds a value
    if name in BOOLEAN:
        st.toggle(text, start, key=name, help=help_text(name), persist_state=KEEP)
    elif name in CHOICES:
        st.radio(text, CHOICES[name], CHOICES[name].index(start), key=name, horizontal=True, help=help_text(name),
                 persist_state=KEEP)  # fmt: skip
    else:
        lo, hi = bounds(name)
        fmt, step = _NUMBER_STYLE.get(unit(name), ("%g", 1.0))
        st.number_input(f"{text} ({unit(name)})", float(lo), float(hi), start, step=step, format=fmt, key=name,
                        help=help_text(name), persist_state=KEEP)  # fmt: skip


def model_picker() -> None:
    """Provider and model from genai-prices; choosing one fills the price fields (still editable)."""
    current = st.session_state["provider"]
    left, right = st.columns(2)
    left.selectbox("Provider", sorted({*providers(), current}), key="provider", on_change=_on_provider,
                   help=help_text("provider"), persist_state=KEEP)  # fmt: skip
    models = _models(st.session_state["provider"])
    right.selectbox("Model", sorted({*models, st.session_state["model"]}), key="model",
                    on_change=_fill_prices, help=help_text("model"), persist_state=KEEP)  # fmt: skip


def _models(provider: str) -> list[str]:
    try:
        return chat_models(provider)
    except ScenarioError:
        return []


def _on_provider() -> None:
    models = _models(st.session_state["provider"])
    if models and st.session_state["model"] not in models:
        st.session_state["model"] = models[0]
    _fill_prices()


def _fill_prices() -> None:
    try:
        found = prices_for(st.session_state["provider"], st.session_state["model"])
    except ScenarioError as err:
        st.session_state["_price_note"] = f"{err}. Prices left as they were."
        return
    st.session_state["_price_note"] = f"Prices filled from genai-prices: {', '.join(found)}."
    for name, value in found.items():
        lo, hi = bounds(name)
        st.session_state[name] = min(max(float(value), lo), hi)


GROUPS: dict[str, dict[str, str]] = {
    "Prices": {
        "price_basis": "Price basis", "input_price_per_mtok_usd": "Input price",
        "output_price_per_mtok_usd": "Output price", "fine_tuned_input_price_per_mtok_usd": "Fine-tuned input price",
        "fine_tuned_output_price_per_mtok_usd": "Fine-tuned output price",
        "embedding_price_per_mtok_usd": "Embedding price",
        "prompt_generation_cost_per_query_usd": "Prompting generation", "rag_generation_cost_per_query_usd": "RAG generation",
        "fine_tune_generation_cost_per_query_usd": "Fine-tuned generation",
        "hybrid_generation_cost_per_query_usd": "Hybrid generation", "embedding_cost_per_query_usd": "Query embedding",
    },
    "Tokens and speed": {
        "query_tokens": "Question", "output_tokens": "Answer", "system_prompt_tokens": "System prompt",
        "few_shot_tokens": "Few-shot examples", "fine_tuned_prompt_tokens": "Fine-tuned prompt",
        "generation_latency_ms": "Base model answer time",
        "fine_tuned_generation_latency_ms": "Fine-tuned answer time", "prefill_ms_per_1k_tokens": "Prefill",
    },
    "Retrieval": {
        "corpus_tokens": "Corpus", "changed_fraction_per_update": "Changed per update",
        "retrieved_tokens": "Retrieved context", "vector_search_cost_per_query_usd": "Vector search",
        "vector_store_monthly_usd": "Vector store", "retrieval_latency_ms": "Retrieval latency",
        "index_refresh_lag_days": "Index refresh lag",
    },
    "Training and labelling": {
        "training_method": "Training method", "training_price_per_mtok_usd": "API training price",
        "lora_run_cost_usd": "LoRA run", "full_run_cost_usd": "Full fine-tune run",
        "tokens_per_example": "Tokens per example", "epochs": "Epochs",
        "labeling_cost_per_example_usd": "Labelling cost", "max_retrains_per_month": "Retrain cap",
        "behaviour_retrains_per_month": "Scheduled retrains", "training_turnaround_days": "Retrain turnaround",
    },
    "Maintenance, hosting and deprecation": {
        "prompt_maintenance_usd_per_month": "Prompting upkeep", "rag_maintenance_usd_per_month": "RAG upkeep",
        "fine_tune_maintenance_usd_per_month": "Fine-tuning upkeep",
        "hybrid_maintenance_usd_per_month": "Hybrid upkeep", "deprecation_interval_months": "Base model deprecated every",
        "dedicated_hosting": "Dedicated GPU hosting", "gpu_hour_usd": "GPU price", "gpus": "GPUs",
    },
    "Needs and quality": {
        "knowledge_gap": "Knowledge gap: the model lacks facts", "behaviour_gap": "Behaviour gap: style, format or schema",
        "citations_required": "Citations or audit required", "prompt_baseline_meets_target": "Prompt-only baseline meets the target",
        "behaviour_stable": "Wanted behaviour is stable", "baseline_accuracy": "Prompt-only accuracy",
        "rag_accuracy_gain": "RAG accuracy gain", "fine_tune_accuracy_gain": "Fine-tuning accuracy gain",
        "knowledge_gap_penalty": "Knowledge gap penalty", "behaviour_gap_penalty": "Behaviour gap penalty",
        "cost_per_error_usd": "Cost per wrong answer",
    },
}  # fmt: skip

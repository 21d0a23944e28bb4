"""Input widgets: the headline sliders (bound to the URL) and the detail inputs by group.

Each widget's key is its scenario field name; ``ui.state`` owns the values in session state and
``ui.tokens`` the labels a select slider shows (which are also its URL tokens).
"""

from __future__ import annotations

import streamlit as st

from core.io.prices import ENTERED, chat_models, providers, with_model
from core.model.errors import ScenarioError
from core.model.fields import BOOLEAN, CHOICES, FIELDS, bounds, citation, unit
from core.model.scenario import Scenario
from ui.messages import literal, show_note
from ui.state import SCENARIO, start_value, widget_value
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
    return f"{info.description} Unit: {unit(name)}. Source: {literal(citation(name), 2_000)}."


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
    "GPUs": ("%.0f", 1.0), "USD/wrong answer": ("%.2f", 1.0), "eval items": ("%.0f", 1.0),
    "weeks": ("%.1f", 1.0), "person-weeks": ("%.1f", 0.5), "person-weeks/month": ("%.2f", 0.25),
    "USD/person-week": ("%.0f", 500.0), "people": ("%.1f", 1.0), "items/month": ("%.2f", 0.25),
    "examples/person-week": ("%.0f", 100.0), "writes/month": ("%.0f", 1000.0), "dimensions": ("%.0f", 256.0),
    "USD/GB-month": ("%.3f", 0.01), "USD/1M vectors-month": ("%.3f", 0.1),
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
        st.number_input(f"{text} ({unit(name)})", float(lo), float(hi), float(start), step=step, format=fmt, key=name,
                        help=help_text(name), persist_state=KEEP, on_change=_entered, args=(name,))  # fmt: skip
    if (source := st.session_state.get(PRICE_SOURCES, {}).get(name)) is not None:
        show_note(source)


def _entered(name: str) -> None:
    """A fine-tuned or training price typed in is no longer an estimate."""
    if name in ENTERED:
        st.session_state[ENTERED[name]] = False
    st.session_state.get(PRICE_SOURCES, {}).pop(name, None)


def model_picker() -> None:
    """Provider and model from genai-prices; choosing one fills the price fields (still editable)."""
    current = st.session_state["provider"]
    left, right = st.columns(2)
    left.selectbox("Provider", sorted({*providers(), current}), key="provider", on_change=_on_provider,
                   help=help_text("provider"), persist_state=KEEP)  # fmt: skip
    models = _models(st.session_state["provider"])
    right.selectbox("Model", sorted({*models, st.session_state["model"]}), key="model",
                    on_change=_fill_prices, help=help_text("model"), persist_state=KEEP)  # fmt: skip
    if sources := st.session_state.get(PRICE_SOURCES):
        labels = {name: text for fields in GROUPS.values() for name, text in fields.items()}
        st.dataframe(
            {"price": [labels.get(n, n) for n in sources], "value": [float(st.session_state.get(n, 0)) for n in sources],
             "unit": [unit(n) for n in sources], "source": list(sources.values())},
            hide_index=True,
        )  # fmt: skip


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


PRICE_NOTES, PRICE_SOURCES = (
    "_price_note",
    "_price_sources",
)  # what the last pick said, and each price's source


def _fill_prices() -> None:
    """Every price of the chosen model (``core.io.prices.with_model``), never the previous one's."""
    last: Scenario = st.session_state[SCENARIO]
    try:
        chosen, found, said = with_model(last, st.session_state["provider"], st.session_state["model"])
    except ScenarioError as err:
        st.session_state[PRICE_NOTES] = [f"{err}. Prices left as they were."]
        return
    before = last.flat()
    for name, value in chosen.flat().items():
        if value != before[name]:
            st.session_state[name] = widget_value(name, value)
    st.session_state[PRICE_SOURCES] = {
        name: f"Estimate: {found.estimated[name]}." if name in found.estimated else f"Filled from {note}."
        for name, note in found.notes.items()
    }
    st.session_state[PRICE_NOTES] = [
        f"Prices filled for {chosen.prices.provider} {chosen.prices.model}.",
        *said,
    ]


GROUPS: dict[str, dict[str, str]] = {
    "Prices": {
        "price_basis": "Price basis", "input_price_per_mtok_usd": "Input price",
        "output_price_per_mtok_usd": "Output price", "fine_tuned_input_price_per_mtok_usd": "Fine-tuned input price",
        "fine_tuned_output_price_per_mtok_usd": "Fine-tuned output price",
        "fine_tuned_price_estimated": "Fine-tuned prices are an estimate",
        "cache_read_price_per_mtok_usd": "Cached input price", "cache_write_price_per_mtok_usd": "Cache write price",
        "batch_input_price_per_mtok_usd": "Batch input price", "batch_output_price_per_mtok_usd": "Batch output price",
        "context_window_tokens": "Context window",
        "embedding_price_per_mtok_usd": "Embedding price",
        "prompt_generation_cost_per_query_usd": "Prompting generation", "rag_generation_cost_per_query_usd": "RAG generation",
        "fine_tune_generation_cost_per_query_usd": "Fine-tuned generation",
        "hybrid_generation_cost_per_query_usd": "Hybrid generation", "embedding_cost_per_query_usd": "Query embedding",
        "batch_embedding_price_per_mtok_usd": "Batch embedding price",
    },
    "Tokens and speed": {
        "query_tokens": "Question", "output_tokens": "Answer", "system_prompt_tokens": "System prompt",
        "few_shot_tokens": "Few-shot examples", "fine_tuned_prompt_tokens": "Fine-tuned prompt",
        "generation_latency_ms": "Base model answer time",
        "fine_tuned_generation_latency_ms": "Fine-tuned answer time", "prefill_ms_per_1k_tokens": "Prefill",
        "cache_hit_rate": "Cache hit rate", "cache_writes_per_month": "Cache writes",
        "offline_workload": "Offline workload: batch prices",
    },
    "Retrieval": {
        "corpus_tokens": "Corpus", "changed_fraction_per_update": "Changed per update",
        "retrieved_tokens": "Retrieved context", "vector_search_cost_per_query_usd": "Vector search",
        "vector_store_monthly_usd": "Vector store", "retrieval_latency_ms": "Retrieval latency",
        "index_refresh_lag_days": "Index refresh lag", "chunk_tokens": "Chunk size",
        "embedding_dimensions": "Embedding dimensions", "vector_store_price_per_gb_month_usd": "Vector storage price",
        "vector_store_price_per_million_vectors_usd": "Price per million vectors",
    },
    "Training and labelling": {
        "training_method": "Training method", "training_price_per_mtok_usd": "API training price",
        "training_price_estimated": "Training price is an estimate",
        "lora_run_cost_usd": "LoRA run", "full_run_cost_usd": "Full fine-tune run",
        "tokens_per_example": "Tokens per example", "epochs": "Epochs",
        "labeling_cost_per_example_usd": "Labelling cost", "max_retrains_per_month": "Retrain cap",
        "behaviour_retrains_per_month": "Scheduled retrains", "training_turnaround_days": "Retrain turnaround",
        "labelling_examples_per_person_week": "Labelling speed",
    },
    "Maintenance, hosting and deprecation": {
        "prompt_maintenance_usd_per_month": "Prompting upkeep", "rag_maintenance_usd_per_month": "RAG upkeep",
        "fine_tune_maintenance_usd_per_month": "Fine-tuning upkeep",
        "hybrid_maintenance_usd_per_month": "Hybrid upkeep", "deprecation_interval_months": "Base model deprecated every",
        "dedicated_hosting": "Dedicated GPU hosting", "gpu_hour_usd": "GPU price", "gpus": "GPUs",
        "migration_person_weeks": "Base model migration effort",
    },
    "People and calendar": {
        "deadline_weeks": "Deadline (0 = none)", "team_size": "Team size",
        "loaded_cost_per_person_week_usd": "Loaded cost per person-week",
        "prompt_build_person_weeks": "Prompting build", "rag_build_person_weeks": "RAG build",
        "fine_tune_build_person_weeks": "Fine-tuning build", "hybrid_build_person_weeks": "Hybrid build",
        "prompt_engineering_person_weeks_per_month": "Prompting engineering",
        "rag_engineering_person_weeks_per_month": "RAG engineering",
        "fine_tune_engineering_person_weeks_per_month": "Fine-tuning engineering",
        "hybrid_engineering_person_weeks_per_month": "Hybrid engineering",
        "new_items_per_month": "New knowledge items or behaviours",
        "prompt_change_person_weeks": "Adding one, prompting", "rag_change_person_weeks": "Adding one, RAG",
        "fine_tune_change_person_weeks": "Adding one, fine-tuning", "hybrid_change_person_weeks": "Adding one, hybrid",
    },
    "Needs and quality": {
        "knowledge_gap": "Knowledge gap: the model lacks facts", "behaviour_gap": "Behaviour gap: style, format or schema",
        "citations_required": "Citations or audit required", "prompt_baseline_meets_target": "Prompt-only baseline meets the target",
        "behaviour_stable": "Wanted behaviour is stable", "baseline_accuracy": "Prompt-only accuracy",
        "rag_accuracy_gain": "RAG accuracy gain", "fine_tune_accuracy_gain": "Fine-tuning accuracy gain",
        "knowledge_gap_penalty": "Knowledge gap penalty", "behaviour_gap_penalty": "Behaviour gap penalty",
        "cost_per_error_usd": "Cost per wrong answer",
        "accuracy_target": "Accuracy target (0 = none)", "lora_quality_share": "LoRA share of a full fine-tune's gain",
        "retrieval_fine_tune_error_cut": "Share of RAG's errors fine-tuning removes",
        "knowledge_decay_per_update": "Fine-tune accuracy lost per update not yet trained in",
    },
    "Team eval results (correct out of items)": {
        "prompt_eval_total": "Prompting: items scored", "prompt_eval_correct": "Prompting: items right",
        "rag_eval_total": "RAG: items scored", "rag_eval_correct": "RAG: items right",
        "fine_tune_eval_total": "Fine-tuning: items scored", "fine_tune_eval_correct": "Fine-tuning: items right",
        "hybrid_eval_total": "Hybrid: items scored", "hybrid_eval_correct": "Hybrid: items right",
    },
}  # fmt: skip

"""Input widgets: the headline sliders (bound to the URL) and the detail inputs by group.

Each widget's key is its scenario field name; ``ui.state`` owns the values in session state and
``ui.tokens`` the labels a select slider shows (which are also its URL tokens).
"""

from __future__ import annotations

import streamlit as st

from core.io.prices import ENTERED, chat_models, providers, with_model
from core.model.errors import ScenarioError
from core.model.fields import BOOLEAN, CHOICES, FIELDS, bounds, citation, number, unit
from core.model.labels import choice_label, label, titled, unit_words
from core.model.scenario import Scenario
from ui.messages import literal, show_error, show_note
from ui.state import SCENARIO, start_value, widget_value
from ui.tokens import CADENCES, EXAMPLE_STEPS, QUERY_STEPS
from ui.tokens import label as token_label


def headline_sliders(base: Scenario) -> None:
    """The five sliders every page shows; ``base`` (the preset) gives the values the URL omits."""
    flat = base.flat()
    _select("queries_per_day", QUERY_STEPS, flat)
    _select("updates_per_month", tuple(CADENCES), flat)
    _select("labeled_examples", EXAMPLE_STEPS, flat)
    for name, step in (("latency_budget_ms", 50.0), ("horizon_months", 1)):
        lo, hi = bounds(name)
        kind = FIELDS[name][1].annotation
        # the unit in the label, a bare number on the thumb: "%d months" would print "1 months"
        st.slider(titled(name), kind(lo), kind(hi), value=kind(flat[name]), step=kind(step), format="%d",
                  key=name, help=help_text(name), bind="query-params")  # fmt: skip


def _select(name: str, grid: tuple[float, ...], flat: dict) -> None:
    default, current = flat[name], st.session_state.get(name, flat[name])
    st.select_slider(label(name), sorted({*grid, default, current}), value=default, key=name,
                     format_func=lambda value: token_label(name, value), help=help_text(name) + " Log scale.",
                     bind="query-params")  # fmt: skip


def help_text(name: str) -> str:
    info = FIELDS[name][1]
    words = unit_words(unit(name))
    return (
        f"{info.description}"
        + (f" Unit: {words}." if words else "")
        + f" Source: {literal(citation(name), 2_000)}."
    )


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


def field(name: str) -> None:
    """The widget of one detail field: number, toggle or choice, keyed by its name and labelled in
    words; a number outside its bounds is refused with a message naming the input and its range."""
    start = start_value(name)  # used only when neither the session nor the browser holds a value
    if name in BOOLEAN:
        st.toggle(label(name), start, key=name, help=help_text(name), persist_state=KEEP)
    elif name in CHOICES:
        st.radio(label(name), CHOICES[name], CHOICES[name].index(start), key=name, horizontal=True,
                 help=help_text(name), persist_state=KEEP,
                 format_func=lambda value: choice_label(name, value))  # fmt: skip
    else:
        fmt, step = _NUMBER_STYLE.get(unit(name), ("%g", 1.0))
        # No min/max on the widget: the browser would only turn the box red. The callback refuses
        # the value instead and says why, beside the box.
        st.number_input(titled(name), value=float(start), step=step, format=fmt, key=name, help=help_text(name),
                        on_change=_number_changed, args=(name,), persist_state=KEEP)  # fmt: skip
        if message := st.session_state.pop(INVALID + name, None):
            show_error(message)
    if (source := st.session_state.get(PRICE_SOURCES, {}).get(name)) is not None:
        show_note(source)


INVALID = "_invalid_"  # + field name: the message of a refused value, shown once under its box


def _number_changed(name: str) -> None:
    """``on_change`` of a number box: a value outside the field's bounds goes back to the last valid
    one, with a message naming the input, the value and the allowed range; a fine-tuned or
    training price typed in is no longer an estimate."""
    value, (lo, hi) = st.session_state[name], bounds(name)
    if value is not None and lo <= value <= hi:
        if name in ENTERED:
            st.session_state[ENTERED[name]] = False
        st.session_state.get(PRICE_SOURCES, {}).pop(name, None)
        return
    kept = st.session_state[SCENARIO].flat()[name]
    given = "An empty box" if value is None else f"{value:,g}"
    st.session_state[name] = widget_value(name, kept)
    st.session_state[INVALID + name] = (
        f"{titled(name)}: {given} is not allowed. Enter {'a whole number' if FIELDS[name][1].annotation is int else 'a number'} "
        f"from {number(lo)} to {number(hi)}; {kept:,g} is kept."
    )


def model_picker() -> None:
    """Provider and model from genai-prices; choosing one fills the price fields (still editable)."""
    current = st.session_state["provider"]
    # one above the other: side by side in a column, long model ids were cut
    st.selectbox(label("provider"), sorted({*providers(), current}), key="provider", on_change=_on_provider,
                   help=help_text("provider"), persist_state=KEEP)  # fmt: skip
    models = _models(st.session_state["provider"])
    st.selectbox(label("model"), sorted({*models, st.session_state["model"]}), key="model",
                    on_change=_fill_prices, help=help_text("model"), persist_state=KEEP)  # fmt: skip
    # a select box cuts a long id ("cognitivecomputations/dolphin-mistral-24b-venice-edition"): the
    # caption under it wraps and shows the choice whole
    st.caption(f"{literal(st.session_state['provider'])} · {literal(st.session_state['model'])}")
    if sources := st.session_state.get(PRICE_SOURCES):
        st.dataframe(
            {"price": [label(n) for n in sources], "value": [float(st.session_state.get(n, 0)) for n in sources],
             "unit": [unit_words(unit(n)) for n in sources], "source": list(sources.values())},
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


# The detail inputs by group, in the order shown; their words are in core.model.labels.
GROUPS: dict[str, tuple[str, ...]] = {
    "Prices": (
        "price_basis", "input_price_per_mtok_usd", "output_price_per_mtok_usd",
        "fine_tuned_input_price_per_mtok_usd", "fine_tuned_output_price_per_mtok_usd",
        "fine_tuned_price_estimated", "cache_read_price_per_mtok_usd", "cache_write_price_per_mtok_usd",
        "batch_input_price_per_mtok_usd", "batch_output_price_per_mtok_usd", "context_window_tokens",
        "embedding_price_per_mtok_usd", "prompt_generation_cost_per_query_usd",
        "rag_generation_cost_per_query_usd", "fine_tune_generation_cost_per_query_usd",
        "hybrid_generation_cost_per_query_usd", "embedding_cost_per_query_usd",
        "batch_embedding_price_per_mtok_usd",
    ),
    "Tokens and speed": (
        "query_tokens", "output_tokens", "system_prompt_tokens", "few_shot_tokens", "fine_tuned_prompt_tokens",
        "generation_latency_ms", "fine_tuned_generation_latency_ms", "prefill_ms_per_1k_tokens", "cache_hit_rate",
        "cache_writes_per_month", "offline_workload",
    ),
    "Retrieval": (
        "corpus_tokens", "changed_fraction_per_update", "retrieved_tokens", "vector_search_cost_per_query_usd",
        "vector_store_monthly_usd", "retrieval_latency_ms", "index_refresh_lag_days", "chunk_tokens",
        "embedding_dimensions", "vector_store_price_per_gb_month_usd",
        "vector_store_price_per_million_vectors_usd",
    ),
    "Training": (
        "training_method", "training_price_per_mtok_usd", "training_price_estimated", "lora_run_cost_usd",
        "full_run_cost_usd", "tokens_per_example", "epochs", "labeling_cost_per_example_usd",
        "max_retrains_per_month", "behaviour_retrains_per_month", "training_turnaround_days",
        "labelling_examples_per_person_week",
    ),
    "Upkeep and hosting": (
        "prompt_maintenance_usd_per_month", "rag_maintenance_usd_per_month", "fine_tune_maintenance_usd_per_month",
        "hybrid_maintenance_usd_per_month", "deprecation_interval_months", "dedicated_hosting", "gpu_hour_usd",
        "gpus", "migration_person_weeks",
    ),
    "People and calendar": (
        "deadline_weeks", "team_size", "loaded_cost_per_person_week_usd", "prompt_build_person_weeks",
        "rag_build_person_weeks", "fine_tune_build_person_weeks", "hybrid_build_person_weeks",
        "prompt_engineering_person_weeks_per_month", "rag_engineering_person_weeks_per_month",
        "fine_tune_engineering_person_weeks_per_month", "hybrid_engineering_person_weeks_per_month",
        "new_items_per_month", "prompt_change_person_weeks", "rag_change_person_weeks",
        "fine_tune_change_person_weeks", "hybrid_change_person_weeks",
    ),
    "Needs and quality": (
        "knowledge_gap", "behaviour_gap", "citations_required", "prompt_baseline_meets_target", "behaviour_stable",
        "baseline_accuracy", "rag_accuracy_gain", "fine_tune_accuracy_gain", "knowledge_gap_penalty",
        "behaviour_gap_penalty", "cost_per_error_usd", "accuracy_target", "lora_quality_share",
        "retrieval_fine_tune_error_cut", "knowledge_decay_per_update",
    ),
    "Team eval results": (
        "prompt_eval_total", "prompt_eval_correct", "rag_eval_total", "rag_eval_correct", "fine_tune_eval_total",
        "fine_tune_eval_correct", "hybrid_eval_total", "hybrid_eval_correct",
    ),
}  # fmt: skip

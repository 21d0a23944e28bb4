"""Input widgets: the headline sliders (bound to the URL) and the detail inputs by group.

Each widget's key is its scenario field name; ``ui.state`` owns the values in session state and
``ui.tokens`` the labels a select slider shows (which are also its URL tokens).
"""

from __future__ import annotations

import streamlit as st

from core.io.prices import chat_models, prices_for, providers
from core.model.errors import ScenarioError
from core.model.fields import BOOLEAN, CHOICES, FIELDS, bounds, number, source, unit
from core.model.labels import choice_label, label, titled, unit_words
from core.model.scenario import Scenario
from ui.messages import show_error
from ui.state import SCENARIO, widget_value
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
    return f"{info.description}" + (f" Unit: {words}." if words else "") + f" Source: {source(name)}."


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


def field(name: str) -> None:
    """The widget of one detail field: number, toggle or choice, keyed by its name and labelled in
    words; a number outside its bounds is refused with a message naming the input and its range."""
    if name in BOOLEAN:
        st.toggle(label(name), key=name, help=help_text(name), persist_state=KEEP)
    elif name in CHOICES:
        st.radio(label(name), CHOICES[name], key=name, horizontal=True, help=help_text(name), persist_state=KEEP,
                 format_func=lambda value: choice_label(name, value))  # fmt: skip
    else:
        fmt, step = _NUMBER_STYLE.get(unit(name), ("%g", 1.0))
        # No min/max on the widget: the browser would only turn the box red. The callback refuses
        # the value instead and says why, beside the box.
        st.number_input(titled(name), step=step, format=fmt, key=name, help=help_text(name),
                        on_change=_check_bounds, args=(name,), persist_state=KEEP)  # fmt: skip
        if message := st.session_state.pop(INVALID + name, None):
            show_error(message)


INVALID = "_invalid_"  # + field name: the message of a refused value, shown once under its box


def _check_bounds(name: str) -> None:
    """``on_change`` of a number box: a value outside the field's bounds goes back to the last valid
    one, with a message naming the input, the value and the allowed range."""
    value, (lo, hi) = st.session_state[name], bounds(name)
    if value is not None and lo <= value <= hi:
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
    st.caption(f"{st.session_state['provider']} · {st.session_state['model']}")


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
    filled = ", ".join(label(name) for name in found)
    st.session_state["_price_note"] = f"Prices filled from genai-prices: {filled}."
    for name, value in found.items():
        lo, hi = bounds(name)
        st.session_state[name] = min(max(float(value), lo), hi)


# The detail inputs by tab, in the order shown; their words are in core.model.labels.
GROUPS: dict[str, tuple[str, ...]] = {
    "Prices": (
        "price_basis", "input_price_per_mtok_usd", "output_price_per_mtok_usd", "fine_tuned_input_price_per_mtok_usd",
        "fine_tuned_output_price_per_mtok_usd", "embedding_price_per_mtok_usd", "prompt_generation_cost_per_query_usd",
        "rag_generation_cost_per_query_usd", "fine_tune_generation_cost_per_query_usd",
        "hybrid_generation_cost_per_query_usd", "embedding_cost_per_query_usd",
    ),
    "Tokens and speed": (
        "query_tokens", "output_tokens", "system_prompt_tokens", "few_shot_tokens", "fine_tuned_prompt_tokens",
        "generation_latency_ms", "fine_tuned_generation_latency_ms", "prefill_ms_per_1k_tokens",
    ),
    "Retrieval": (
        "corpus_tokens", "changed_fraction_per_update", "retrieved_tokens", "vector_search_cost_per_query_usd",
        "vector_store_monthly_usd", "retrieval_latency_ms", "index_refresh_lag_days",
    ),
    "Training": (
        "training_method", "training_price_per_mtok_usd", "lora_run_cost_usd", "full_run_cost_usd",
        "tokens_per_example", "epochs", "labeling_cost_per_example_usd", "max_retrains_per_month",
        "behaviour_retrains_per_month", "training_turnaround_days",
    ),
    "Upkeep and hosting": (
        "prompt_maintenance_usd_per_month", "rag_maintenance_usd_per_month", "fine_tune_maintenance_usd_per_month",
        "hybrid_maintenance_usd_per_month", "deprecation_interval_months", "dedicated_hosting", "gpu_hour_usd", "gpus",
    ),
    "Needs and quality": (
        "knowledge_gap", "behaviour_gap", "citations_required", "prompt_baseline_meets_target", "behaviour_stable",
        "baseline_accuracy", "rag_accuracy_gain", "fine_tune_accuracy_gain", "knowledge_gap_penalty",
        "behaviour_gap_penalty", "cost_per_error_usd",
    ),
}  # fmt: skip

"""Uncertainty: Monte Carlo over the uncertain inputs; how sure is the recommendation?"""

import streamlit as st

from core.analyses.evidence import separation
from core.analyses.montecarlo import simulate
from core.analyses.ranges import default_ranges, widen
from core.model import formats
from core.model.errors import ScenarioError
from core.model.labels import label, unit_words
from core.model.strategies import LABELS
from ui import analysis_charts as charts
from ui.charts import show
from ui.frame import frame, live
from ui.messages import show_error, show_note
from ui.state import current_analysis, current_scenario, remembered

EDITOR, RESETS = "mc_ranges", "_mc_resets"


def reset_ranges() -> None:
    """``on_click`` of "Reset ranges": a new editor key, so the browser drops its edits too."""
    st.session_state[RESETS] = st.session_state.get(RESETS, 0) + 1


frame("Uncertainty")


def page() -> None:
    """The simulation, its charts and table: what the sliders drive."""
    st.title("Uncertainty")
    st.caption(
        "Each uncertain input is drawn from a PERT distribution over its low / likely / high range "
        "(likely = the current scenario's value), every sample evaluated by the engine at once. "
        "Edit any range below; the same seed always gives the same result. A strategy with eval results "
        "draws its accuracy from their Beta posterior instead of the assumed gains."
    )
    scenario = current_scenario()
    deterministic = LABELS[current_analysis().recommendation.strategy]

    controls = st.columns([2, 2, 2, 1])
    samples = controls[0].select_slider("Samples", (10_000, 20_000, 50_000, 100_000), 10_000, key="mc_samples",
                                        format_func=formats.count)  # fmt: skip
    seed = controls[1].number_input("Seed", 0, 2**31 - 1, 0, step=1, key="mc_seed")
    width = controls[2].slider("Range width", 0.0, 2.0, 1.0, 0.25, key="mc_width",
                               help="Scales every range about its likely value: 0 = no uncertainty, 1 = as listed.")  # fmt: skip
    controls[3].button("Reset ranges", help="Back to the documented defaults.", on_click=reset_ranges)

    with st.expander("Ranges (editable: low, likely, high)", expanded=False):
        ranges = default_ranges(scenario, uncertain_only=True)
        # the field id stays in the (hidden) input column the simulation reads; people see the words
        shown = ranges.assign(name=ranges["input"].map(label), unit=ranges["unit"].map(unit_words))
        edited = st.data_editor(
            shown,
            key=f"{EDITOR}_{st.session_state.get(RESETS, 0)}",
            hide_index=True,
            disabled=("name", "unit", "source"),
            column_order=("name", "low", "likely", "high", "unit", "source"),
            column_config={"name": "Input", "unit": "Unit", "source": "Source"}
            | {
                c: st.column_config.NumberColumn(c.capitalize(), format="%.6g")
                for c in ("low", "likely", "high")
            },
        )

    def simulated():
        result = simulate(scenario, widen(edited, width), samples=int(samples), seed=int(seed))
        return result, result.summary()

    # the same scenario, ranges, samples and seed give the same draws: a visit back reuses them
    ranges_key = tuple(edited[["input", "low", "likely", "high"]].itertuples(index=False, name=None))
    try:
        result, summary = remembered("simulation", simulated, scenario, ranges_key, width, samples, seed)
    except ScenarioError as err:
        show_error(f"{err}. Fix the range above, or reset the ranges.")
        st.stop()

    best = summary.loc[summary["probability"].idxmax()]
    head = st.columns(3)
    head[0].metric("Recommended without uncertainty", deterministic)
    head[1].metric(
        "Most often recommended",
        LABELS[best.strategy],
        f"{best.probability:.1%} of samples",
        delta_color="off",
        delta_arrow="off",
    )
    head[2].metric("Samples · seed", f"{formats.count(result.samples)} · {result.seed}")
    if result.no_strategy() > 0:
        show_note(f"In {result.no_strategy():.1%} of samples no strategy passes every rule.")
    for text in separation(scenario)["text"]:  # accuracy of measured strategies: Beta posterior draws
        show_note(text)

    left, right = st.columns(2)
    show(charts.probability(summary), left, alt="Bars: probability each strategy is recommended")
    show(charts.cost_box(summary), right, alt="Box chart of each strategy's horizon cost distribution")
    st.dataframe(
        summary.assign(strategy=summary["strategy"].map(LABELS)),
        hide_index=True,
        column_config={
            "strategy": "Strategy",
            "probability": st.column_config.NumberColumn("P(recommended)", format="percent"),
        }
        | {
            f"p{p}": st.column_config.NumberColumn(f"P{p} (USD)", format="dollar", step=1)
            for p in (10, 25, 50, 75, 90)
        },
    )


live(page)

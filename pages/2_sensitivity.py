"""Sensitivity: which inputs move the costs most, and where the recommendation flips."""

import streamlit as st

from core.analyses.ranges import default_ranges
from core.analyses.sensitivity import sensitivity
from core.model.formats import number
from core.model.labels import label, unit_words
from core.model.strategies import LABELS, VERDICT_LABELS
from ui import analysis_charts as charts
from ui.charts import show
from ui.frame import frame, live
from ui.state import current_analysis, current_scenario, remembered

RANGE_COLUMNS = {
    "input": "Input", "unit": "Unit", "source": "Source",
    "low": st.column_config.NumberColumn("Low", format="localized"),
    "high": st.column_config.NumberColumn("High", format="localized"),
}  # fmt: skip

frame("Sensitivity")


def page() -> None:
    """The tornado, the flips and the break-evens: what the sliders drive."""
    st.title("Sensitivity")
    st.caption(
        "Each input moved across a plausible low / high range, the rest of the current scenario held. "
        "Bars show how far each strategy's horizon cost moves; ⇄ marks an input whose range flips the "
        "recommendation. The ranges and their sources are listed below."
    )
    scenario = current_scenario()
    winner = LABELS[current_analysis().recommendation.strategy]

    controls = st.columns([2, 2, 3])
    top = controls[0].slider("Inputs shown", 5, 45, 12, key="tornado_top", help="The largest swings first.")
    blocked = controls[1].toggle("Show blocked strategies", False, key="tornado_blocked",
                                 help="Strategies that fail a rule in the current scenario.")  # fmt: skip
    controls[2].metric("Recommended now", winner)

    # tornado and break-evens with one search of their brackets, computed once per scenario:
    # "Inputs shown" and "Show blocked strategies" only filter them
    inputs, bars, found = remembered("sensitivity", lambda: sensitivity(scenario), scenario)
    shown = inputs[(inputs["swing_usd"] > 0) | inputs["flips_at"].notna()].head(top)
    bars = bars[bars["input"].isin(shown["input"]) & (bars["feasible"] | blocked)]
    show(charts.tornado(shown, bars), alt="Tornado chart of the swing in horizon cost per input")

    flips = inputs[inputs["flips_at"].notna()]
    if flips.empty:
        st.success(f"No input flips the recommendation within its range: {winner} holds throughout.")
    else:
        st.warning(
            "The recommendation flips within the range of: "
            + "; ".join(
                f"{label(r.input)} at {number(r.flips_at)} {unit_words(r.unit)} (to {VERDICT_LABELS[r.flips_to]})"
                for r in flips.itertuples()
            )
        )

    st.subheader("Break-even values of the headline inputs")
    st.caption(
        "The value at which the winner changes, holding the rest, searched over the input's whole allowed "
        "range: a fine grid, then a search narrowing each change 255 values at a time, so both sides were evaluated by the engine."
    )
    table = found.copy()
    table["break_even"] = table["value"].map(lambda v: "none in range" if v != v else number(v, 6))
    table["input"], table["unit"] = table["input"].map(label), table["unit"].map(unit_words)
    table["change"] = (
        table["winner_below"].map(VERDICT_LABELS) + " → " + table["winner_above"].map(VERDICT_LABELS)
    )
    table.loc[table["value"].isna(), "change"] = table["winner_below"].map(VERDICT_LABELS) + " throughout"
    st.dataframe(
        table[["input", "break_even", "unit", "change"]],
        hide_index=True,
        column_config={
            "input": "Input",
            "break_even": "Break-even",
            "unit": "Unit",
            "change": "Winner below → above",
        },
    )

    with st.expander("The ranges and their sources"):
        ranges = default_ranges(scenario)
        st.dataframe(ranges.assign(input=ranges["input"].map(label), unit=ranges["unit"].map(unit_words)), hide_index=True,
                     column_config=RANGE_COLUMNS | {"likely": st.column_config.NumberColumn("Current", format="localized")})  # fmt: skip


live(page)

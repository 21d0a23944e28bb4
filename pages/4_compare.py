"""Compare: saved scenarios and presets side by side, exported as one CSV."""

import streamlit as st

from core.analyses.compare import compare_csv, compare_long, compare_table
from core.io.presets import presets
from core.model.errors import ScenarioError
from core.model.fields import HEADLINE
from core.model.labels import FIT_LABELS
from core.model.strategies import LABELS, STRATEGIES
from ui import analysis_charts as charts
from ui.frame import frame
from ui.messages import show_error
from ui.state import current_scenario

SAVED, CURRENT = "_saved_scenarios", "Current scenario"


def save_current() -> None:
    """``on_click`` of the save button: keep the current scenario under the typed name."""
    name = st.session_state.get("compare_name", "").strip()
    if not name or name == CURRENT or name in {p.title for p in presets().values()}:
        st.session_state["_compare_error"] = f"Name {name!r} is empty or taken: choose another name."
        return
    st.session_state.setdefault(SAVED, {})[name] = current_scenario()
    picked = st.session_state.get("compare_pick", [CURRENT])
    st.session_state["compare_pick"] = picked if name in picked else [*picked, name]
    st.session_state["compare_name"] = ""


frame("Compare")
st.title("Compare scenarios")
st.caption(
    "Save the current scenario under a name, then set it beside other saved scenarios and the presets."
)
scenario = current_scenario()
saved = st.session_state.setdefault(SAVED, {})

save = st.columns([3, 1], vertical_alignment="bottom")
save[0].text_input("Name for the current scenario", key="compare_name", max_chars=60,
                   placeholder="e.g. support at 50k/day")  # fmt: skip
save[1].button("Save current scenario", on_click=save_current, icon=":material/bookmark_add:")
if error := st.session_state.pop("_compare_error", None):
    show_error(error)

choices = {CURRENT: scenario} | saved | {p.title: p.scenario for p in presets().values()}
st.session_state.setdefault("compare_pick", [CURRENT, *list(choices)[1:3]])
picked = st.multiselect("Scenarios to compare", list(choices), key="compare_pick")
if not picked:
    st.info("Pick at least one scenario to compare.")
    st.stop()

named = {name: choices[name] for name in picked}
try:
    table, long = compare_table(named), compare_long(named)
except ScenarioError as err:
    show_error(str(err))
    st.stop()

st.dataframe(
    table.assign(recommended=table["recommended"].map(LABELS), fit_tier=table["fit_tier"].map(FIT_LABELS)),
    hide_index=True,
    column_config={"scenario": "Scenario", "recommended": "Recommended", "fit_tier": "Fit",
                   "margin_pct": st.column_config.NumberColumn("Advantage over runner-up (%)", format="%.1f")}
    | {name: st.column_config.NumberColumn(charts.title(name), format="localized") for name in (*HEADLINE, "horizon_months")}
    | {f"horizon_cost_usd_{s}": st.column_config.NumberColumn(f"{LABELS[s]}, total ($)", format="dollar")
       for s in STRATEGIES},
)  # fmt: skip
st.altair_chart(charts.compare_bars(long), alt="Grouped bars of each scenario's horizon cost per strategy")
st.download_button("Download all as one CSV", lambda: compare_csv(named), "comparison.csv", "text/csv",
                   on_click="ignore", icon=":material/download:")  # fmt: skip
st.caption(
    "One row per scenario and strategy: the results, then every input, as `python -m core evaluate` writes."
)

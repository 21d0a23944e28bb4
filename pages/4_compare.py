"""Compare: saved scenarios and presets side by side, exported as one CSV; saved scenarios travel
in the link and download/upload as one bundle file."""

import streamlit as st

from core.analyses.compare import (
    CURRENT,
    bundle_toml,
    compare_csv,
    compare_long,
    compare_table,
    parse_bundle,
    saved_name,
)
from core.io.presets import presets
from core.io.text import decode
from core.model.errors import ScenarioError
from core.model.fields import HEADLINE
from core.model.labels import FIT_LABELS
from core.model.strategies import LABELS, STRATEGIES, VERDICT_LABELS
from ui import analysis_charts as charts
from ui.charts import show
from ui.frame import frame, live
from ui.messages import show_error, show_note, show_warning
from ui.state import SAVED, UNSAVED, current_scenario

PICK, NAME, CLASH, NOTE = "compare_pick", "compare_name", "_compare_clash", "_compare_note"


def save_current() -> None:
    """``on_click`` of the save button: keep the current scenario under the typed name, or ask
    before overwriting a saved one of that name."""
    try:
        name = saved_name(st.session_state.get(NAME, ""))
    except ScenarioError as err:
        st.session_state["_compare_error"] = f"{err}: choose another name."
        return
    if name in st.session_state.setdefault(SAVED, {}):
        st.session_state[CLASH] = name
        return
    keep(name)


def keep(name: str) -> None:
    """Save the current scenario as ``name`` and add it to the comparison."""
    st.session_state.pop(CLASH, None)
    st.session_state.setdefault(SAVED, {})[name] = current_scenario()
    picked = st.session_state.get(PICK, [CURRENT])
    st.session_state[PICK] = picked if name in picked else [*picked, name]
    st.session_state[NAME] = ""


def cancel() -> None:
    st.session_state.pop(CLASH, None)


def free_name(name: str) -> str:
    """``name (2)``, ``name (3)``...: the first that no saved scenario has."""
    n = 2
    while f"{name} ({n})" in st.session_state.get(SAVED, {}):
        n += 1
    return f"{name} ({n})"


def restore_bundle() -> None:
    """``on_change`` of the bundle uploader: add its scenarios (replacing those of the same name)."""
    uploaded = st.session_state.get("compare_bundle")
    if uploaded is None:
        return
    try:
        found = parse_bundle(decode(uploaded.getvalue(), uploaded.name), uploaded.name)
    except ScenarioError as err:
        st.session_state["_compare_error"] = f"{err}. The saved scenarios are unchanged."
        return
    st.session_state.setdefault(SAVED, {}).update(found)
    st.session_state[PICK] = list(dict.fromkeys([*st.session_state.get(PICK, [CURRENT]), *found]))
    st.session_state[NOTE] = f"Restored {len(found)} saved scenario(s) from {uploaded.name}."


frame("Compare")


def page() -> None:
    """Saving, picking and comparing scenarios (the current one moves with the sliders)."""
    st.title("Compare scenarios")
    st.caption(
        "Save the current scenario under a name, then set it beside other saved scenarios and the presets."
    )
    scenario = current_scenario()
    saved = st.session_state.setdefault(SAVED, {})

    save = st.columns([3, 1], vertical_alignment="bottom")
    save[0].text_input("Name for the current scenario", key=NAME, max_chars=60,
                       placeholder="e.g. support at 50k/day")  # fmt: skip
    save[1].button("Save current scenario", on_click=save_current, icon=":material/bookmark_add:")
    if clash := st.session_state.get(CLASH):
        show_warning(f"A saved scenario is already called {clash!r}: overwrite it, or save under another name.",
                     icon=":material/warning:")  # fmt: skip
        ask = st.columns(3)
        ask[0].button("Overwrite it", on_click=keep, args=(clash,), key="compare_overwrite")
        ask[1].button(
            f"Save as {free_name(clash)}", on_click=keep, args=(free_name(clash),), key="compare_rename"
        )
        ask[2].button("Cancel", on_click=cancel, key="compare_cancel")
    if error := st.session_state.pop("_compare_error", None):
        show_error(error)
    if note := st.session_state.pop(NOTE, None):
        show_note(note)

    choices = {CURRENT: scenario} | saved | {p.title: p.scenario for p in presets().values()}
    st.session_state.setdefault(PICK, [CURRENT, *list(choices)[1:3]])
    # "session": the selection outlives a visit to another page.
    picked = st.multiselect("Scenarios to compare", list(choices), key=PICK, persist_state="session")

    with st.expander(f"Saved scenarios: {len(saved)}, kept in the link", icon=":material/inventory_2:"):
        if left := st.session_state.get(UNSAVED):
            show_warning(
                f"{left} saved scenario(s) do not fit in the link: download the bundle to keep them."
            )
        files = st.columns(2)
        files[0].download_button("Download saved scenarios (TOML)", lambda: bundle_toml(saved), "saved_scenarios.toml",
                                 "application/toml", on_click="ignore", icon=":material/download:",
                                 disabled=not saved)  # fmt: skip
        files[1].file_uploader("Restore saved scenarios (TOML bundle, up to 1 MB)", type=["toml"], key="compare_bundle",
                               on_change=restore_bundle, max_upload_size=1)  # fmt: skip

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
        table.assign(recommended=table["recommended"].map(VERDICT_LABELS), fit_tier=table["fit_tier"].map(FIT_LABELS)),
        hide_index=True,
        column_config={"scenario": "Scenario", "recommended": "Recommended", "fit_tier": "Fit",
                       "margin_pct": st.column_config.NumberColumn("Advantage over runner-up (%)", format="%.1f")}
        | {name: st.column_config.NumberColumn(charts.title(name), format="localized") for name in (*HEADLINE, "horizon_months")}
        | {f"horizon_cost_usd_{s}": st.column_config.NumberColumn(f"{LABELS[s]}, total ($)", format="dollar")
           for s in STRATEGIES},
    )  # fmt: skip
    show(charts.compare_bars(long), alt="Grouped bars of each scenario's horizon cost per strategy")
    st.download_button("Download all as one CSV", lambda: compare_csv(named), "comparison.csv", "text/csv",
                       on_click="ignore", icon=":material/download:")  # fmt: skip
    st.caption(
        "One row per scenario and strategy: the results, then every input, as `python -m core evaluate` writes."
    )


live(page)

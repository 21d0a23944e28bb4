"""Decision map: the recommended strategy over any two inputs, the rest of the scenario held."""

import streamlit as st

from core.analyses.decision_map import decision_map, default_axes
from core.model.errors import ScenarioError
from core.model.fields import NUMERIC
from core.model.formats import number
from core.model.labels import label
from ui import analysis_charts as charts
from ui.charts import show
from ui.frame import frame, live
from ui.messages import show_error
from ui.state import CHOSEN, current_scenario, remembered

VIEWS = {"winner": "Winner", "advantage": "Advantage (%)"}

frame("Decision map")


def page() -> None:
    """The map, its share of each strategy and how it was made: what the sliders drive."""
    st.title("Decision map")
    st.caption(
        "Where each strategy wins across two inputs. Every other input comes from the current scenario "
        "(the sidebar and the Explorer). Hover a cell for each strategy's horizon cost."
    )
    scenario = current_scenario()

    # The axes open on the pair of inputs that changes the winner for this preset; a new preset
    # brings its own pair, other changes (and visits to other pages) keep the person's choice.
    if st.session_state.get("_map_preset") != st.session_state[CHOSEN]:
        st.session_state["_map_axes"] = default_axes(scenario)
        st.session_state["_map_preset"] = st.session_state[CHOSEN]
        for key in ("map_x", "map_y"):
            st.session_state.pop(key, None)
    for key, name in zip(("map_x", "map_y"), st.session_state["_map_axes"], strict=True):
        st.session_state.setdefault(key, name)
    pick = st.columns([2, 2, 1, 2])
    x = pick[0].selectbox("Across (x axis)", NUMERIC, key="map_x", format_func=charts.title)
    y = pick[1].selectbox("Up (y axis)", NUMERIC, key="map_y", format_func=charts.title)
    st.session_state["_map_axes"] = (x, y)
    steps = pick[2].selectbox("Grid", (100, 150, 200), key="map_steps", format_func=lambda n: f"{n} x {n}")
    view = pick[3].segmented_control(
        "View", list(VIEWS), format_func=VIEWS.get, default="winner", key="map_view"
    )

    def computed():
        result = decision_map(scenario, x, y, steps)
        return result, result.cells(), result.region_labels(), result.counts()

    try:  # a change of view draws the same map again: computed once per scenario, axes and grid
        result, cells, regions, counts = remembered("decision_map", computed, scenario, x, y, steps)
    except ScenarioError as err:
        show_error(str(err))
        st.stop()

    flat = scenario.flat()
    logs = (result.sweep.x.log, result.sweep.y.log)
    # A log axis cannot draw 0 (static knowledge): the marker sits at the axis's end instead.
    now = tuple(min(max(flat[n], a.lo), a.hi) for n, a in ((x, result.sweep.x), (y, result.sweep.y)))
    chart = charts.decision_map(cells, x, y, logs, now, view or "winner", regions)
    show(chart, alt=f"Heatmap of the recommended strategy over {label(x)} and {label(y)}")

    total = sum(counts.values())
    shares = ", ".join(f"{charts.MAP_LABELS[s]} {n / total:.0%}" for s, n in counts.items() if n)
    st.markdown(
        f"**Share of the map:** {shares}. Axes: {label(x)} {number(result.sweep.x.lo)} to {number(result.sweep.x.hi)}"
        f"{' (log scale)' if logs[0] else ''}, {label(y)} {number(result.sweep.y.lo)} to {number(result.sweep.y.hi)}"
        f"{' (log scale)' if logs[1] else ''}; {total:,} cells."
    )
    st.caption(
        "The map opens on two inputs along which the recommendation changes for this preset. An axis covers "
        "the slider's whole range for the headline inputs (log where it spans two decades or more; update "
        "cadence from 0.05 a month, log, so quarterly is in sight), 0 to 1 for fractions, and a tenth "
        "to ten times the current value otherwise. The advantage is how much more the cheapest other strategy "
        "that passes every rule would cost, as a share of the winner's horizon cost. "
        f"{charts.NOTHING_PASSES}: no strategy passes every rule there (the Explorer says which rule)."
    )


live(page)

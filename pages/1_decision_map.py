"""Decision map: the recommended strategy over any two inputs, the rest of the scenario held."""

import streamlit as st

from core.analyses.decision_map import DEFAULT_X, DEFAULT_Y, decision_map
from core.model.errors import ScenarioError
from core.model.fields import NUMERIC
from core.model.formats import number
from core.model.labels import label
from core.model.strategies import LABELS
from ui import analysis_charts as charts
from ui.frame import frame
from ui.messages import show_error
from ui.state import current_scenario

VIEWS = {"winner": "Winner", "advantage": "Advantage (%)"}

frame("Decision map")
st.title("Decision map")
st.caption(
    "Where each strategy wins across two inputs. Every other input comes from the current scenario "
    "(the sidebar and the Explorer). Hover a cell for each strategy's horizon cost."
)
scenario = current_scenario()

pick = st.columns([2, 2, 1, 2])
x = pick[0].selectbox(
    "Across (x axis)", NUMERIC, index=NUMERIC.index(DEFAULT_X), key="map_x", format_func=charts.title
)
y = pick[1].selectbox(
    "Up (y axis)", NUMERIC, index=NUMERIC.index(DEFAULT_Y), key="map_y", format_func=charts.title
)
steps = pick[2].selectbox("Grid", (100, 150, 200), key="map_steps", format_func=lambda n: f"{n} x {n}")
view = pick[3].segmented_control("View", list(VIEWS), format_func=VIEWS.get, default="winner", key="map_view")

try:
    result = decision_map(scenario, x, y, steps)
except ScenarioError as err:
    show_error(str(err))
    st.stop()

flat = scenario.flat()
cells = result.cells()
logs = (result.sweep.x.log, result.sweep.y.log)
chart = charts.decision_map(cells, x, y, logs, (flat[x], flat[y]), view or "winner")
st.altair_chart(chart, alt=f"Heatmap of the recommended strategy over {label(x)} and {label(y)}")

counts = result.counts()
total = sum(counts.values())
shares = ", ".join(f"{LABELS[s]} {n / total:.0%}" for s, n in counts.items() if n)
st.markdown(
    f"**Share of the map:** {shares}. Axes: {label(x)} {number(result.sweep.x.lo)} to {number(result.sweep.x.hi)}"
    f"{' (log scale)' if logs[0] else ''}, {label(y)} {number(result.sweep.y.lo)} to {number(result.sweep.y.hi)}"
    f"{' (log scale)' if logs[1] else ''}; {total:,} cells."
)
st.caption(
    "An axis covers the slider's whole range for the headline inputs, 0 to 1 for fractions, and a tenth "
    "to ten times the current value otherwise. The advantage is how much more the cheapest other strategy "
    "that passes every rule would cost, as a share of the winner's horizon cost."
)

"""The entry point and the Explorer page: every input, the five live charts, the recommendation,
export and import. Start the app with ``streamlit run app.py``; the other pages are in ``pages/``.

The answer comes first and stays in sight: the recommendation across the top, then the two main
charts beside the inputs, which sit in a fixed-height box (one group at a time) so editing them
never scrolls the charts away. On a phone the columns stack: answer, charts, then inputs.

What the sliders drive (answer, charts, key figures, reasons) is ``explorer``, run by
``ui.frame.live`` as one fragment: a slider move reruns it alone. The inputs box and the exports
are drawn outside it, on full runs (a changed input, a preset, an upload); the downloads read the
analysis current when clicked.
"""

import streamlit as st

from core.io.presets import preset
from core.model.sources import sources_named
from ui import charts, inputs, memo, report
from ui.frame import APP_TITLE, frame, live, origin_caption
from ui.messages import show_note
from ui.state import ABOUT_OPEN, CHOSEN, current_analysis, latest_analysis

INPUT_GROUP = "input_group"  # the detail group shown (one at a time: a rerun draws only its widgets)

frame("Explorer")
report.compact_tables()
chosen = preset(st.session_state[CHOSEN])
st.title(APP_TITLE)
st.caption(origin_caption())

answer = st.container()
main, controls = st.columns([3, 2], gap="medium")
with controls:
    # radio buttons wrap onto a second line where tabs or pills would hide the last groups
    group = st.radio("Inputs", ["Model", *inputs.GROUPS], key=INPUT_GROUP, horizontal=True,
                     help="Every input besides the sliders in the sidebar, by group.")  # fmt: skip
    with st.container(height=560, border=True):
        if group == "Model":
            inputs.model_picker()
            for note in st.session_state.pop(inputs.PRICE_NOTES, []):
                show_note(note)
        else:
            left, right = st.columns(2)
            for i, name in enumerate(inputs.GROUPS[group]):
                with left if i % 2 == 0 else right:
                    inputs.field(name)
    # A fixed label: the expander's identity (and so its open state) must not change with the preset.
    if (about := st.expander("About this preset", key=ABOUT_OPEN, on_change="rerun")).open:
        about.markdown(f"**{chosen.title}**\n\n{chosen.story}")
        if named := sources_named(chosen.sources.values()):
            about.caption("Sources: " + "; ".join(named))
        about.dataframe(report.preset_sources(chosen.sources), hide_index=True)


def explorer() -> None:
    """The answer, the five charts, the key figures and the reasons: what the sliders drive."""
    analysis = current_analysis()
    with answer:
        report.headline(analysis)
    with main:
        charts.show(charts.cumulative_cost(analysis))
        charts.show(charts.monthly_components(analysis))
    st.subheader("Key figures per strategy")
    st.markdown(report.key_figures(analysis))
    left, right = st.columns(2)
    charts.show(charts.volume_curve(analysis), left)
    charts.show(charts.latency(analysis), right)
    charts.show(charts.freshness(analysis), left)
    report.reasons(analysis)


live(explorer)
st.subheader("Export and import")
memo.download(latest_analysis(), chosen, chosen.title)
report.export_import(latest_analysis(), chosen.id, f"{chosen.title} (exported from the Explorer)")

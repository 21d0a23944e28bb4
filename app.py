"""The entry point and the Explorer page: every input, the five live charts, the recommendation,
export and import. Start the app with ``streamlit run app.py``; the other pages are in ``pages/``."""

import streamlit as st

from core.io.presets import preset
from core.model.sources import describe, sources_named
from ui import charts, inputs, memo, report
from ui.frame import APP_TITLE, frame, origin_caption
from ui.messages import show_note
from ui.state import ABOUT_OPEN, CHOSEN, current_analysis

frame("Explorer")
chosen = preset(st.session_state[CHOSEN])
st.title(APP_TITLE)
st.caption(origin_caption())

controls, results = st.columns([1, 3], gap="large")
with controls:
    st.subheader("Inputs")
    # Lazy expanders: a closed group draws no widgets, so a rerun stays cheap; its values live
    # on in the session's scenario (ui.state) while it is closed.
    if (model := st.expander("Model", key="open_model", on_change="rerun")).open:
        with model:
            inputs.model_picker()
            for note in st.session_state.pop(inputs.PRICE_NOTES, []):
                show_note(note)
    for group, fields in inputs.GROUPS.items():
        if (box := st.expander(group, key=f"open_{group}", on_change="rerun")).open:
            with box:
                for name, text in fields.items():
                    inputs.field(name, text)
    # A fixed label: the expander's identity (and so its open state) must not change with the preset.
    if (about := st.expander("About this preset", key=ABOUT_OPEN, on_change="rerun")).open:
        about.markdown(f"**{chosen.title}**\n\n{chosen.story}")
        if named := sources_named(chosen.sources.values()):
            about.caption("Sources: " + "; ".join(named))
        about.dataframe(
            {"input": list(chosen.sources), "source": [describe(s) for s in chosen.sources.values()]},
            hide_index=True,
        )

analysis = current_analysis()
with results:
    report.headline(analysis)
    left, right = st.columns(2)
    charts.show(charts.cumulative_cost(analysis), left)
    charts.show(charts.monthly_components(analysis), right)
    charts.show(charts.volume_curve(analysis), left)
    charts.show(charts.latency(analysis), right)
    charts.show(charts.freshness(analysis), left)
    st.subheader("Key figures per strategy")
    st.markdown(report.key_figures(analysis))
    report.reasons(analysis)
    st.subheader("Export and import")
    memo.download(analysis, chosen, chosen.title)
    report.export_import(analysis, chosen.id, f"{chosen.title} (exported from the Explorer)")

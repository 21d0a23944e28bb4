"""Temporary entry page until the Explorer lands: the default preset, costed by core."""

import streamlit as st

from core.analysis import analyse
from core.presets import DEFAULT_PRESET, preset

st.set_page_config(page_title="RAG vs Fine-Tuning Scenario Explorer", layout="wide")
chosen = preset(DEFAULT_PRESET)
result = analyse(chosen.scenario)
st.title("RAG vs Fine-Tuning Scenario Explorer")
st.subheader(chosen.title)
st.write(chosen.summary)
rec = result.recommendation
st.metric("Recommended", rec.strategy, help=f"fit: {rec.fit_tier}")
st.dataframe(result.strategies.drop(columns=["blocked_by"]), hide_index=True)
for r in rec.reasons:
    st.write(f"- **{r.rule}**: {r.text} _({r.source})_")

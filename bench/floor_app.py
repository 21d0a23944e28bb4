"""The floor for the page benchmarks: one slider, one small Altair chart, nothing else.

Served exactly as the app is (``support.server``, from the repository root, so with the same
``.streamlit/config.toml``) and measured in the same run, so the ratio of the two says what the
app's own work costs. It prints the setting that matters most to a rerun's cost into its server's
log, where ``bench.rerun`` checks that it matches the app's config.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

print(f"floor: runner.postScriptGC={st.get_option('runner.postScriptGC')}", flush=True)
volume = st.slider("Queries per day", 10, 10_000, 1_000, key="queries_per_day")
months = np.arange(13)
data = pd.DataFrame({"month": months, "cumulative_cost_usd": months * volume * 0.003 * 30})
st.altair_chart(alt.Chart(data).mark_line().encode(x="month:Q", y="cumulative_cost_usd:Q"))

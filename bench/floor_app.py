"""The floor for the page benchmarks: one slider, one small Altair chart, nothing else.

Served exactly as the app is (``support.server``, from the repository root, so with the same
``.streamlit/config.toml``) and measured in the same run, so the ratio of the two says what the
app's own work costs. It prints the setting that matters most to a rerun's cost into its server's
log, where ``bench.rerun`` checks that it matches the app's config.

``?charts=N`` (1 to 5) draws the same chart N times, each with its own data: Streamlit's own cost
of a page that redraws N charts on a slider move, with nothing of the app in it (``bench.browser``
measures 2 and 5, the Explorer's count). Any other value draws one.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

print(f"floor: runner.postScriptGC={st.get_option('runner.postScriptGC')}", flush=True)
asked = st.query_params.get("charts", "1")
charts = int(asked) if asked in {"1", "2", "3", "4", "5"} else 1
volume = st.slider("Queries per day", 10, 10_000, 1_000, key="queries_per_day")
months = np.arange(13)
for n in range(1, charts + 1):
    data = pd.DataFrame({"month": months, "cumulative_cost_usd": months * volume * 0.003 * 30 * n})
    st.altair_chart(alt.Chart(data).mark_line().encode(x="month:Q", y="cumulative_cost_usd:Q"))

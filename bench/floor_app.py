"""The floor for the Explorer rerun benchmark: one slider, one small Altair chart, nothing else.

Measured in the same run as the Explorer (AppTest, median of 30 reruns after a slider change),
so the ratio of the two says what the Explorer's own work costs.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

volume = st.slider("Queries per day", 10, 10_000, 1_000, key="queries_per_day")
months = np.arange(13)
data = pd.DataFrame({"month": months, "cumulative_cost_usd": months * volume * 0.003 * 30})
st.altair_chart(alt.Chart(data).mark_line().encode(x="month:Q", y="cumulative_cost_usd:Q"))

"""Shared AppTest helpers for the page tests: open a page on a preset, read a chart's data."""

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest


def open_page(name: str, preset_id: str) -> AppTest:
    """``pages/<name>.py`` run once with ``?preset=<preset_id>`` (paths resolve from this file)."""
    at = AppTest.from_file(f"../../pages/{name}.py", default_timeout=30)
    at.query_params["preset"] = preset_id
    return at.run()


def chart_frames(node) -> list[pd.DataFrame]:
    """The named datasets a vega_lite_chart node carries, as DataFrames."""
    return [pa.ipc.open_stream(d.data.data).read_pandas() for d in node.proto.datasets]

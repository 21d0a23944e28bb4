"""Shared AppTest helpers for the page tests: open a page on a preset, read a chart's data."""

import re

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from ui.frame import PAGES

APP = "../../app.py"  # AppTest resolves it against this file
PATHS = {entry.title: entry.path for entry in PAGES}


def open_page(title: str, preset_id: str) -> AppTest:
    """The page titled ``title`` (as our navigation lists it), opened as a visitor does: the app's
    first page with ``?preset=<preset_id>``, then a switch to the page."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["preset"] = preset_id
    at.run()
    if PATHS[title] != "app.py":
        at.switch_page(PATHS[title]).run()
    return at


def shown(element) -> str:
    """The text a message element shows: its markdown source without the backslash escapes that
    ``ui.messages.literal`` adds so that user text renders literally (and its zero-width spaces)."""
    return re.sub(r"\\(.)", r"\1", element.value).replace("\u200b", "")


def chart_frames(node) -> list[pd.DataFrame]:
    """The named datasets a vega_lite_chart node carries, as DataFrames."""
    return [pa.ipc.open_stream(d.data.data).read_pandas() for d in node.proto.datasets]

"""Session state and the URL: the session's scenario, its analysis, uploads and messages.

Every scenario field lives in ``st.session_state`` under its own name, which is also its widget
key, its URL parameter (headline sliders) and its CLI ``--set`` name. A preset or an uploaded
file restores every widget by writing those keys in a callback, before any widget is drawn.
``_scenario`` keeps the last valid Scenario, so a field whose widget is not on the current page
keeps its value. Pages call ``current_scenario()`` / ``current_analysis()``; ``ui.frame`` draws the
sidebar.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.engine.analysis import Analysis, analyse
from core.io.files import load_file
from core.io.presets import DEFAULT_PRESET, preset, presets
from core.model.errors import ScenarioError
from core.model.fields import FIELDS
from core.model.labels import in_words
from core.model.scenario import Scenario
from ui import tokens
from ui.messages import show_error

SCENARIO, ANALYSIS, MESSAGES, PRESET = "_scenario", "_analysis", "_messages", "preset"
CHOSEN = "_preset"  # the preset id, kept apart from its picker (each page draws a picker of its own)
UPLOAD_ERROR = "_upload_error"
ABOUT_OPEN = "open_about"  # key of the Explorer's "About this preset" expander


def current_scenario() -> Scenario:
    """The session's scenario: the widgets' values, validated by core."""
    ensure_state()
    last = st.session_state[SCENARIO]
    state = st.session_state.to_dict()  # one pass: each key lookup is a Streamlit call
    values = {name: state[name] for name in FIELDS if name in state}
    if values == last.flat():
        return last
    try:
        scenario = last.updated(values)
    except ScenarioError as err:
        show_error(
            in_words(f"{err}. The last valid scenario is shown.")
        )  # inputs named as the page names them
        return last
    st.session_state[SCENARIO] = scenario
    return scenario


def set_scenario(scenario: Scenario) -> None:
    """Make ``scenario`` the session's scenario and move every widget to it.

    Call it from a widget callback (``on_change`` / ``on_click``) or before the frame is drawn:
    Streamlit refuses to change a widget that this run has already drawn.
    """
    st.session_state[SCENARIO] = scenario
    for name, value in scenario.flat().items():
        st.session_state[name] = widget_value(name, value)


def current_analysis() -> Analysis:
    """The current scenario evaluated by core, computed only when the scenario changed."""
    scenario = current_scenario()
    memo = st.session_state.get(ANALYSIS)
    if memo is None or memo.scenario != scenario:
        memo = analyse(scenario)
        st.session_state[ANALYSIS] = memo
    return memo


def load_upload(name: str, data: bytes) -> str | None:
    """Restore the scenario of an exported CSV or TOML file; the error text if it is not one."""
    try:
        _, scenario = load_file(name, data)
    except ScenarioError as err:
        return f"{err}. The current scenario is unchanged."
    set_scenario(scenario)
    return None


def restore_upload() -> None:
    """``on_change`` of the uploader keyed ``upload``: restore its file, or keep the error for the page."""
    uploaded = st.session_state.get("upload")
    error = None if uploaded is None else load_upload(uploaded.name, uploaded.getvalue())
    st.session_state[UPLOAD_ERROR] = error


def ensure_state() -> None:
    """First run of a session: the preset and headline values from the URL, else the default."""
    if SCENARIO in st.session_state:
        _fill_missing(st.session_state[SCENARIO])
        return
    messages = []
    preset_id = st.query_params.get(PRESET, DEFAULT_PRESET)
    if preset_id not in presets():
        messages.append(
            f"The link's preset was ignored: {preset_id[:60]!r} is not one. {DEFAULT_PRESET} is shown."
        )
        preset_id = DEFAULT_PRESET
    scenario, respell = preset(preset_id).scenario, False
    for name in tokens.URL_FIELDS:
        given = st.query_params.get_all(name)
        if not given:
            continue
        raw = given[-1]  # a repeated parameter: the last one counts
        try:
            value = tokens.parse_token(name, raw)
            scenario = scenario.updated({name: value})
        except ScenarioError as err:
            messages.append(f"The link's {name} was ignored: {err}. The preset's value is shown.")
            continue
        if len(given) > 1 or raw != tokens.token(name, value):
            st.query_params[name] = tokens.token(name, value)  # "20000" -> "20k", its slider's option
            respell = True
    st.session_state.update({PRESET: preset_id, CHOSEN: preset_id, MESSAGES: messages})
    set_scenario(scenario)
    if respell:
        # A bound slider takes its first value from the link as the page opened; rerun with the
        # respelled link (one value per slider, as the slider writes it) so it keeps it in the URL.
        st.rerun()


def _fill_missing(scenario: Scenario) -> None:
    # A widget not drawn last run (closed expander, other page) lost its key: restore it.
    present = st.session_state.to_dict()
    for name, value in scenario.flat().items():
        if name not in present:
            st.session_state[name] = widget_value(name, value)


def widget_value(name: str, value: Any) -> Any:
    """The value as its widget holds it: a float field may hold an int read from TOML (2000); its
    float widget needs 2000.0."""
    return float(value) if FIELDS[name][1].annotation is float else value

"""``ui.state.current_scenario``: the session's scenario is rebuilt only when a widget changed it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from ui.state import SCENARIO, current_scenario

    before = st.session_state.get(SCENARIO)
    scenario = current_scenario()
    st.session_state["kept"] = scenario is before
    st.text(f"{scenario.workload.queries_per_day:g}")


def test_a_rerun_with_no_changed_widget_keeps_the_same_scenario_object():
    # A new session holds values only for the widgets it has drawn, not for every field.
    at = AppTest.from_function(_script).run()
    at.run()
    assert at.session_state["kept"] is True
    assert not at.exception


def test_a_changed_widget_value_gives_a_new_scenario_with_that_value():
    at = AppTest.from_function(_script).run()
    at.session_state["queries_per_day"] = 50_000.0
    at.run()
    assert at.session_state["kept"] is False
    assert at.text[0].value == "50000"
    at.run()  # and the next rerun keeps that one
    assert at.session_state["kept"] is True and at.text[0].value == "50000"

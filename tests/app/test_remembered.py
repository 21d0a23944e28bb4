"""``ui.state.remembered``: a page's heavy result is computed once per key and session."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from ui.state import remembered

    calls = st.session_state.setdefault("calls", [])
    key = st.session_state.get("key", 1)
    st.text(str(remembered("square", lambda: calls.append(key) or key * key, key)))


def test_a_result_is_computed_again_only_when_its_key_changes():
    at = AppTest.from_function(_script).run()
    at.run()  # a rerun with the same key (a view changed): the kept result
    assert at.session_state["calls"] == [1] and at.text[0].value == "1"
    at.session_state["key"] = 3
    at.run()
    assert at.session_state["calls"] == [1, 3] and at.text[0].value == "9"
    at.session_state["key"] = 1
    at.run()  # one result kept per name: going back computes again
    assert at.session_state["calls"] == [1, 3, 1] and at.text[0].value == "1"

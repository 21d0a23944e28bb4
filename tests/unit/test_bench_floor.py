"""The benchmark's floor script (bench/floor_app.py) draws as many charts as ``?charts=`` asks,
1 to 5, each with its own data, and one for anything else."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

FLOOR = "../../bench/floor_app.py"  # AppTest resolves it against this file


def charts(asked: str | None) -> list:
    at = AppTest.from_file(FLOOR, default_timeout=30)
    if asked is not None:
        at.query_params["charts"] = asked
    at.run()
    assert not at.exception
    return at.get("vega_lite_chart")


@pytest.mark.parametrize(("asked", "drawn"), [(None, 1), ("1", 1), ("2", 2), ("5", 5)])
def test_the_floor_draws_the_charts_asked_for(asked, drawn):
    drawn_charts = charts(asked)
    assert len(drawn_charts) == drawn
    assert len({c.proto.spec for c in drawn_charts}) == drawn  # each chart has data of its own


@pytest.mark.parametrize("asked", ["0", "6", "-1", "2.5", "five", "9" * 40])
def test_any_other_value_draws_one_chart(asked):
    assert len(charts(asked)) == 1

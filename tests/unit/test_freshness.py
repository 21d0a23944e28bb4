"""Knowledge freshness across update cadences (core.engine.freshness)."""

import numpy as np
import pytest

from core.engine.analysis import analyse
from core.engine.freshness import cadence_grid, freshness_curve, never_days
from core.io.presets import presets
from core.model.rules import QUARTERLY
from core.model.strategies import STRATEGIES


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_curve_at_the_scenarios_cadence_equals_the_analysis_staleness(preset_id):
    scenario = presets()[preset_id].scenario
    curve = freshness_curve(scenario.flat())
    now = curve[curve["current"]]
    assert list(now["strategy"]) == list(STRATEGIES)
    expected = analyse(scenario).strategies["stale_days"].to_numpy()
    np.testing.assert_allclose(now["stale_days"].to_numpy(), expected)


def test_static_knowledge_is_never_stale_and_prompting_otherwise_never_catches_up():
    flat = presets()["insurance_claims"].scenario.flat()
    curve = freshness_curve(flat)
    assert (curve.loc[curve["updates_per_month"] == 0, "stale_days"] == 0).all()
    prompt = curve[(curve["strategy"] == "prompt") & (curve["updates_per_month"] > 0)]
    assert (prompt["stale_days"] == never_days(flat)).all()


def test_retrieval_is_as_stale_as_its_refresh_lag_at_every_cadence():
    scenario = presets()["support_10k_per_day"].scenario.updated({"index_refresh_lag_days": 2})
    curve = freshness_curve(scenario.flat())
    rag = curve[(curve["strategy"] == "rag") & (curve["updates_per_month"] > 0)]
    assert (rag["stale_days"] == 2).all()


@pytest.mark.parametrize("cap, stale_at_weekly", [(4, 3.0), (1, 33.0)])
def test_fine_tuning_waits_for_its_next_retrain_only_when_the_retrain_cap_is_below_the_cadence(
    cap, stale_at_weekly
):
    scenario = presets()["support_10k_per_day"].scenario.updated(
        {"max_retrains_per_month": cap, "training_turnaround_days": 3, "updates_per_month": 4}
    )
    curve = freshness_curve(scenario.flat())
    row = curve[(curve["strategy"] == "fine_tune") & curve["current"]]
    assert row["stale_days"].item() == pytest.approx(stale_at_weekly)


def test_the_cadence_grid_holds_static_quarterly_and_the_current_cadence_in_order():
    grid = cadence_grid(2.5)
    assert grid[0] == 0 and QUARTERLY in grid and 2.5 in grid and grid[-1] == 60
    assert (np.diff(grid) > 0).all()

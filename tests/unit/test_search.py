"""core.analyses.search: the k-ary search finds what bisection finds, in a handful of evaluations."""

import numpy as np
import pandas as pd
import pytest

import core.analyses.fixes as fixes_module
import core.analyses.sensitivity as sensitivity_module
from core.analyses.fixes import fixes
from core.analyses.search import FEWEST_CANDIDATES, ROWS_PER_ROUND, boundaries
from core.analyses.sensitivity import break_evens, evaluate_variations, sensitivity, tornado
from core.engine.columns import to_columns
from core.io.presets import presets
from core.model.strategies import VERDICTS

PRESETS = sorted(presets())
# the preset as it is (break-evens), a generous latency budget (tornado flips), a tight one (fixes),
# a high accuracy target (a flip, fixes, and no break-even at all)
VARIANTS = [{}, {"latency_budget_ms": 1_200}, {"latency_budget_ms": 100}, {"accuracy_target": 0.9}]


def bisection(probe, names, inside, outside, label_in, label_out, *, whole, tolerance=0.0):
    """The reference: today's bisection of every bracket at once (whole numbers rounded towards
    the inside end), one bracket stopping at adjacent values or its tolerance."""
    inside, outside, label_out = np.array(inside, float), np.array(outside, float), np.array(label_out)
    tolerance = np.broadcast_to(np.asarray(tolerance, dtype=float), inside.shape)
    for _ in range(200):
        mid = (inside + outside) / 2
        mid = np.where(whole, np.where(inside < outside, np.floor(mid), np.ceil(mid)), mid)
        open_ = (mid != inside) & (mid != outside) & (np.abs(outside - inside) > tolerance)
        if not open_.any():
            return inside, outside, label_out
        labels = probe(names[open_], mid[open_])
        same, other = open_.copy(), open_.copy()
        same[open_], other[open_] = labels == label_in[open_], labels != label_in[open_]
        inside = np.where(same, mid, inside)
        outside = np.where(other, mid, outside)
        label_out[other] = labels[labels != label_in[open_]]
    raise AssertionError("bisection did not converge")


def threshold_probe(thresholds: dict[str, float], seen: list):
    """Label 1 at or above the input's threshold, else 0; records every value probed."""

    def probe(names, values):
        seen.extend(zip(names, values, strict=True))
        return (values >= np.array([thresholds[n] for n in names])).astype(int)

    return probe


def run(probe, names, inside, outside, whole, search=boundaries, tolerance=0.0):
    names, inside, outside = np.array(names, dtype=object), np.array(inside), np.array(outside)
    label_in, label_out = probe(names, inside), probe(names, outside)
    return search(
        probe, names, inside, outside, label_in, label_out, whole=np.array(whole), tolerance=tolerance
    )


def test_a_float_bracket_narrows_to_adjacent_floats_on_either_side_of_the_change():
    seen = []
    probe = threshold_probe({"a": np.pi, "b": -7.3}, seen)
    inside, outside, label = run(probe, ["a", "a", "b"], [0.0, 10.0, -100.0], [10.0, 0.0, 1e300], [False] * 3)
    assert list(outside) == [np.pi, np.nextafter(np.pi, 0), -7.3]
    assert list(inside) == [np.nextafter(np.pi, 0), np.pi, np.nextafter(-7.3, -np.inf)]
    assert list(label) == [1, 0, 1]


def test_a_whole_number_bracket_narrows_to_adjacent_whole_numbers_and_probes_only_whole_numbers():
    seen = []
    probe = threshold_probe({"n": 1234.5}, seen)
    inside, outside, _ = run(probe, ["n", "n"], [0.0, 10_000_000.0], [10_000_000.0, 3.0], [True, True])
    assert (list(inside), list(outside)) == ([1234.0, 1235.0], [1235.0, 1234.0])
    assert all(float(v).is_integer() for _, v in seen)


def test_the_reported_ends_are_values_the_probe_evaluated():
    seen = []
    probe = threshold_probe({"a": 0.1, "n": 77.0}, seen)
    inside, outside, _ = run(probe, ["a", "n"], [0.0, 0.0], [1.0, 1e6], [False, True])
    probed = {(n, v) for n, v in seen}
    assert {("a", inside[0]), ("a", outside[0]), ("n", inside[1]), ("n", outside[1])} <= probed


@pytest.mark.parametrize(("brackets", "rounds"), [(4, 9), (300, 17)])
def test_all_brackets_are_narrowed_together_one_probe_a_round_in_a_bounded_number_of_rounds(brackets, rounds):
    # from 0 to 1e300: the widest span of floats a bracket can have here (2**63 of them)
    calls = []
    probe = threshold_probe({f"x{k}": 10.0 ** (k % 300 - 150) for k in range(brackets)}, [])
    counted = lambda names, values: calls.append(len(values)) or probe(names, values)  # noqa: E731
    names = [f"x{k}" for k in range(brackets)]
    inside, outside, _ = run(counted, names, [0.0] * brackets, [1e300] * brackets, [False] * brackets)
    assert all(np.nextafter(i, np.inf) == o for i, o in zip(inside, outside, strict=True))
    assert len(calls) - 2 <= rounds  # less the two calls that label the ends
    assert max(calls[2:]) <= max(ROWS_PER_ROUND, brackets * FEWEST_CANDIDATES)


def test_a_tolerance_stops_a_bracket_once_it_is_that_narrow():
    inside, outside, _ = run(threshold_probe({"a": 1.0}, []), ["a"], [0.0], [1000.0], [False], tolerance=0.5)
    assert 0 < outside[0] - inside[0] <= 0.5 and inside[0] < 1.0 <= outside[0]


@pytest.mark.parametrize("whole", [False, True])
def test_the_search_ends_where_bisection_ends_when_the_label_changes_once(whole):
    rng = np.random.default_rng(0)
    thresholds = {f"x{k}": float(t) for k, t in enumerate(np.round(rng.uniform(1, 1e6, 50), 3))}
    names = list(thresholds)
    lows, highs = rng.uniform(0, 1, 50), 1e6 + rng.uniform(0, 1e6, 50)
    if whole:
        lows, highs = np.floor(lows), np.ceil(highs)
    ends = [(lo, hi) if k % 2 else (hi, lo) for k, (lo, hi) in enumerate(zip(lows, highs, strict=True))]
    inside, outside = (np.array([e[i] for e in ends]) for i in (0, 1))
    probe = threshold_probe(thresholds, [])
    ours = run(probe, names, inside, outside, [whole] * 50)
    reference = run(probe, names, inside, outside, [whole] * 50, search=bisection)
    for a, b in zip(ours, reference, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.fixture
def with_bisection(monkeypatch):
    """Run the analyses with the reference bisection in place of the k-ary search."""

    def use():
        monkeypatch.setattr(sensitivity_module, "boundaries", bisection)
        monkeypatch.setattr(fixes_module, "boundaries", bisection)

    return use


@pytest.mark.parametrize("preset_id", PRESETS)
def test_tornado_break_evens_and_fixes_equal_those_found_by_bisection(preset_id, with_bisection):
    scenarios = [presets()[preset_id].scenario.updated(v) for v in VARIANTS]
    ours = [(*sensitivity(s), fixes(s)) for s in scenarios]
    with_bisection()
    reference = [(*sensitivity(s), fixes(s)) for s in scenarios]
    for mine, theirs in zip(ours, reference, strict=True):
        for a, b in zip(mine, theirs, strict=True):
            pd.testing.assert_frame_equal(a, b, check_exact=True)
    flips = sum(int(t[0]["flips_at"].notna().sum()) for t in ours)
    found = sum(int(t[2]["value"].notna().sum()) for t in ours)
    fixed = sum(int(t[3]["found"].sum()) for t in ours if len(t[3]))
    assert flips and found and fixed  # each kind of search is compared, not just empty tables


@pytest.mark.parametrize("preset_id", PRESETS)
def test_sensitivity_gives_the_tornado_and_the_break_evens_as_computed_apart(preset_id):
    scenario = presets()[preset_id].scenario.updated({"latency_budget_ms": 1_200})
    inputs, bars, table = sensitivity(scenario)
    pd.testing.assert_frame_equal(inputs, tornado(scenario)[0], check_exact=True)
    pd.testing.assert_frame_equal(bars, tornado(scenario)[1], check_exact=True)
    pd.testing.assert_frame_equal(table, break_evens(scenario), check_exact=True)


def test_whole_number_break_evens_on_a_coarse_grid_are_every_change_found_by_brute_force(monkeypatch):
    # five grid points over 0..100,000 examples: the search, not the grid, finds each change
    monkeypatch.setattr(sensitivity_module, "BREAK_EVEN_POINTS", 5)
    values = np.arange(0.0, 100_001.0)
    changes = 0
    for preset_id in PRESETS:
        for variant in ({}, {"behaviour_gap": True, "accuracy_target": 0.85}):
            scenario = presets()[preset_id].scenario.updated(variant)
            names = np.full(len(values), "labeled_examples", dtype=object)
            w = evaluate_variations(to_columns(scenario.flat()), names, values).verdict
            j = np.flatnonzero(w[1:] != w[:-1])
            expected = [(values[i], values[i + 1], VERDICTS[w[i]], VERDICTS[w[i + 1]]) for i in j]
            table = break_evens(scenario, ("labeled_examples",)).dropna(subset=["value"])
            columns = ["below", "above", "winner_below", "winner_above"]
            assert [tuple(r) for r in table[columns].itertuples(index=False)] == expected
            changes += len(expected)
    assert changes >= 3


def test_break_evens_report_none_in_range_when_no_headline_input_changes_the_winner():
    # no strategy reaches 90% accuracy here whatever the headline inputs say
    table = break_evens(presets()["klarna"].scenario.updated({"accuracy_target": 0.9}))
    assert table["value"].isna().all() and len(table) == 4
    assert (table["winner_below"] == "none").all() and (table["winner_above"] == "none").all()


def test_the_sensitivity_page_needs_a_handful_of_evaluations_not_one_per_halving(monkeypatch):
    calls = []
    evaluate = sensitivity_module.evaluate
    monkeypatch.setattr(sensitivity_module, "evaluate", lambda cols: calls.append(1) or evaluate(cols))
    inputs, _, table = sensitivity(presets()["klarna"].scenario.updated({"latency_budget_ms": 1_200}))
    assert inputs["flips_at"].notna().any() and table["value"].notna().any()
    assert len(calls) <= 2 + 9  # one evaluation per grid, then one per round of the search

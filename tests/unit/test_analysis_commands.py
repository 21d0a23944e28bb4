"""``python -m core sensitivity`` and ``montecarlo``: output, options and bad arguments."""

import csv
import io
import json

import pytest

from core.cli.run import main
from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.strategies import STRATEGIES


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# Static knowledge, no knowledge gap: prompting and RAG both pass and cost decides between them
# (with a knowledge gap, RAG passes alone and no cost flips it).
COST_DECIDES = ("--set", "knowledge_gap=false", "--set", "updates_per_month=0")


def test_sensitivity_json_lists_every_input_ranked_by_swing(capsys):
    code, out, _ = run(capsys, "sensitivity", "support_10k_per_day", *COST_DECIDES)
    inputs = json.loads(out)["inputs"]
    assert code == 0
    assert set(inputs[0]) == {"input", "low", "high", "swing_usd", "flips_at"}
    swings = [row["swing_usd"] for row in inputs]
    assert swings == sorted(swings, reverse=True)
    flips = {row["input"]: row["flips_at"] for row in inputs}
    # prompting ($0.004 a query) and RAG cross where RAG's generation plus its embedding
    # ($0.0001) and vector search ($0.0002) reach prompting's cost
    assert flips["rag_generation_cost_per_query_usd"] == pytest.approx(0.004 - 0.0001 - 0.0002, rel=1e-4)
    assert flips["vector_search_cost_per_query_usd"] is None


def test_sensitivity_set_and_range_change_what_is_varied(capsys):
    _, out, _ = run(capsys, "sensitivity", "klarna", "--set", "queries_per_day=1000",
                    "--range", "queries_per_day=500:4000")  # fmt: skip
    row = next(r for r in json.loads(out)["inputs"] if r["input"] == "queries_per_day")
    assert (row["low"], row["high"]) == (500, 4000)


def test_sensitivity_csv_has_a_row_per_input_with_where_it_flips_to(capsys):
    code, out, _ = run(capsys, "sensitivity", "support_10k_per_day", *COST_DECIDES, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert {"input", "low", "high", "swing_usd", "flips_at", "flips_to"} == set(rows[0])
    assert next(r for r in rows if r["input"] == "rag_generation_cost_per_query_usd")["flips_to"] == "prompt"


def test_montecarlo_json_has_probabilities_and_percentiles_per_strategy(capsys):
    code, out, _ = run(capsys, "montecarlo", "support_10k_per_day", "--samples", "10000", "--seed", "7")
    doc = json.loads(out)
    assert code == 0
    assert set(doc) == {"samples", "seed", "probability", "horizon_cost_usd"}
    assert (doc["samples"], doc["seed"]) == (10_000, 7)
    assert set(doc["probability"]) == {*STRATEGIES, "none"}  # none: no strategy passes every rule
    assert sum(doc["probability"].values()) == pytest.approx(1)
    for q in doc["horizon_cost_usd"].values():
        assert set(q) == {"p10", "p50", "p90"} and q["p10"] <= q["p50"] <= q["p90"]


def test_montecarlo_with_the_same_seed_prints_the_same_result(capsys):
    argv = ("montecarlo", "klarna", "--samples", "2000", "--seed", "11")
    assert run(capsys, *argv)[1] == run(capsys, *argv)[1]


def test_montecarlo_with_zero_width_ranges_recommends_what_evaluate_does(capsys):
    scenario = presets()["medical_documentation"].scenario
    flat = scenario.flat()
    pinned = [f"--range={n}={flat[n]}:{flat[n]}:{flat[n]}" for n in ("queries_per_day", "labeled_examples")]
    _, out, _ = run(capsys, "montecarlo", "medical_documentation", "--samples", "500", *pinned)
    probability = json.loads(out)["probability"]
    assert probability[analyse(scenario).recommendation.strategy] == 1.0


def test_montecarlo_csv_has_one_row_per_strategy(capsys):
    _, out, _ = run(capsys, "montecarlo", "klarna", "--samples", "100", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["strategy"] for r in rows] == list(STRATEGIES)
    assert rows[0]["samples"] == "100"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sensitivity", "nope"], "neither a preset"),
        (["sensitivity", "klarna", "--format", "xml"], "invalid choice"),
        (["sensitivity", "klarna", "--range", "queries_per_day=1:2"], "queries_per_day"),
        (["sensitivity", "klarna", "--range", "queries_per_day=10"], "expected NAME=LOW:HIGH"),
        (["sensitivity", "klarna", "--range", "model=1:2"], "not a numeric input"),
        (["sensitivity", "klarna", "--range", "queries_per_day=100:200"], "low <= likely <= high"),
        (["sensitivity", "klarna", "--set", "queries_per_day=0"], "queries_per_day"),
        (["montecarlo", "klarna", "--samples", "0"], "samples = 0"),
        (["montecarlo", "klarna", "--samples", "1000001"], "samples = 1000001"),
        (["montecarlo", "klarna", "--samples", "ten"], "invalid int value"),
        (["montecarlo", "klarna", "--seed", "-1"], "seed = -1"),
        (["montecarlo", "klarna", "--range", "epochs=5:1:2"], "low <= likely <= high"),
        (["montecarlo", "klarna", "--range", "epochs=a:b:c"], "must be numbers"),
        (["montecarlo", "klarna", "--range", "epochs=nan:3:4"], "epochs"),
    ],
)
def test_bad_analysis_input_exits_2_with_one_clear_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err

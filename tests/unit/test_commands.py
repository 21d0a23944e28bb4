"""``python -m core`` presets, fields, evaluate and sweep: output formats, ``--set`` and exit codes."""

import json

import pytest

from core.cli.run import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_json_shows_the_seed_table(capsys):
    code, out, _ = run(capsys, "evaluate", "support_10k_per_day", "--format", "json")
    doc = json.loads(out)
    # The table's monthly figures are the year's running cost over 12 months, every training run
    # (the first and 11 retrains) included; labelling (5,000 examples x $1) is set-up, not in it.
    scenario = doc["scenario"]["training"]
    labelling = scenario["labeled_examples"] * scenario["labeling_cost_per_example_usd"]
    tuned = {"fine_tune", "hybrid"}
    monthly = {
        s["strategy"]: round((s["horizon_cost_usd"] - labelling * (s["strategy"] in tuned)) / 12)
        for s in doc["strategies"]
    }
    assert code == 0
    assert (monthly["rag"], monthly["fine_tune"], monthly["hybrid"]) == (990, 1_700, 1_790)
    keys = {"strategy", "feasible", "blocked_by", "monthly_cost_usd", "one_off_cost_usd", "cost_per_query_usd",
            "horizon_cost_usd", "latency_ms", "meets_latency_budget", "expected_accuracy", "stale_days"}  # fmt: skip
    assert keys <= set(doc["strategies"][0])
    assert set(doc["recommendation"]) == {
        "strategy", "feasible", "closest", "headline", "weak_fit", "fit_tier", "reasons", "fixes"
    }  # fmt: skip
    assert set(doc["recommendation"]["reasons"][0]) == {"rule", "text", "source", "sources"}
    assert doc["scenario"]["workload"]["queries_per_day"] == 10_000


def test_set_changes_one_input_by_name_or_path(capsys):
    _, out, _ = run(capsys, "evaluate", "klarna", "--set", "queries_per_day=100", "--set",
                    "needs.behaviour_gap=true", "--format", "json")  # fmt: skip
    doc = json.loads(out)
    assert doc["scenario"]["workload"]["queries_per_day"] == 100
    assert doc["scenario"]["needs"]["behaviour_gap"] is True


def test_evaluate_reads_a_scenario_file(capsys, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[workload]\nqueries_per_day = 777\n", encoding="utf-8")
    _, out, _ = run(capsys, "evaluate", str(path), "--format", "json")
    assert json.loads(out)["scenario"]["workload"]["queries_per_day"] == 777


def test_evaluate_csv_has_one_row_per_strategy(capsys):
    code, out, _ = run(capsys, "evaluate", "klarna", "--format", "csv")
    assert code == 0
    assert [line.split(",")[0] for line in out.strip().split("\n")[1:]] == [
        "prompt",
        "rag",
        "fine_tune",
        "hybrid",
    ]


def test_evaluate_table_ends_with_the_recommendation_and_its_reasons_cited_by_publisher_and_title(capsys):
    _, out, _ = run(capsys, "evaluate", "insurance_claims")
    assert "recommendation: rag" in out
    assert 'KnowMBA Advisory, "Fine-Tuning vs RAG": “(1) Does the answer require facts' in out


def test_presets_lists_every_preset_with_its_title(capsys):
    _, out, _ = run(capsys, "presets")
    assert "klarna" in out and "Klarna AI assistant (2024)" in out


def test_sweep_json_gives_a_winner_and_every_cost_per_cell(capsys):
    code, out, _ = run(capsys, "sweep", "klarna", "--x", "queries_per_day=10:1e7:4:log", "--y",
                       "updates_per_month=0:60:3", "--format", "json")  # fmt: skip
    cells = json.loads(out)["cells"]
    assert code == 0 and len(cells) == 12
    assert set(cells[0]) == {"queries_per_day", "updates_per_month", "winner", "horizon_cost_usd"}
    assert set(cells[0]["horizon_cost_usd"]) == {"prompt", "rag", "fine_tune", "hybrid"}
    assert cells[-1]["queries_per_day"] == pytest.approx(1e7)


def test_sweep_summary_counts_cells_and_winners(capsys):
    _, out, _ = run(capsys, "sweep", "klarna", "--x", "queries_per_day=10:1e7:20:log", "--y",
                    "labeled_examples=0:100000:10")  # fmt: skip
    assert "cells: 200" in out
    counts = out.split("winners: ")[1].split("\n")[0]
    assert sum(int(part.split(": ")[1].replace(",", "")) for part in counts.split(", ")) == 200


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evaluate", "nope"], "neither a preset"),
        (["evaluate", "klarna", "--set", "queries_per_day=-1"], "queries_per_day = '-1'"),
        (["evaluate", "klarna", "--set", "nonsense"], "expected NAME=VALUE"),
        (["evaluate", "klarna", "--set", "colour=red"], "unknown field 'colour'"),
        (["evaluate", "klarna", "--format", "xml"], "invalid choice"),
        (
            ["sweep", "klarna", "--x", "queries_per_day=0:10:5:log", "--y", "horizon_months=1:12:12"],
            "range must lie",
        ),
        (["sweep", "klarna", "--x", "model=1:2:3", "--y", "horizon_months=1:12:12"], "not a numeric input"),
        (
            ["sweep", "klarna", "--x", "queries_per_day=10:1e7:99999", "--y", "horizon_months=1:12:12"],
            "steps",
        ),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert "Traceback" not in err


def test_sweeping_one_input_on_both_axes_is_refused(capsys):
    code, _, err = run(
        capsys, "sweep", "klarna", "--x", "horizon_months=1:12:3", "--y", "horizon_months=1:60:3"
    )
    assert code == 2
    assert "pick two different inputs" in err

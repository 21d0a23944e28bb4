"""No source article's file name reaches a user: every CLI output and every export is searched
for a seed file name, a ``.txt`` name or the seed folder (the pages: tests/app/test_no_file_names.py)."""

import re

import pytest

from core.analyses.compare import compare_csv
from core.cli.run import main
from core.engine.analysis import analyse
from core.io.csv_files import results_csv
from core.io.presets import presets
from core.io.toml_files import to_toml

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}|\.txt\b|shared/seeds")
PRESETS = sorted(presets())


def leaks(text: str) -> list[str]:
    return sorted({m[0] for m in FILE_NAME.finditer(text)})


@pytest.mark.parametrize(
    "text", ["see 000_73d04ac0515baca1.txt", "004_98786da00730bb42", "notes.txt", "../shared/seeds/README.md"]
)
def test_the_search_finds_every_kind_of_file_name_it_looks_for(text):
    assert leaks(text)


def cli(capsys, *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out + err


@pytest.mark.parametrize("preset_id", PRESETS)
@pytest.mark.parametrize(
    "argv",
    [
        ("evaluate", "{p}", "--format", "json"),
        ("evaluate", "{p}", "--format", "csv"),
        ("evaluate", "{p}", "--format", "table"),
        ("sensitivity", "{p}", "--format", "json"),
        ("sensitivity", "{p}", "--format", "csv"),
        ("montecarlo", "{p}", "--samples", "200", "--format", "json"),
        ("montecarlo", "{p}", "--samples", "200", "--format", "csv"),
        (
            "sweep",
            "{p}",
            "--x",
            "queries_per_day=10:1e6:3",
            "--y",
            "updates_per_month=0:8:3",
            "--format",
            "csv",
        ),
    ],
    ids=lambda argv: "-".join(a for a in argv if a not in ("{p}", "--format")),
)
def test_no_cli_output_names_a_source_file(capsys, preset_id, argv):
    out = cli(capsys, *(a.format(p=preset_id) for a in argv))
    assert out.strip() and leaks(out) == []


@pytest.mark.parametrize("argv", [("presets",), ("fields",)])
def test_the_preset_and_field_listings_name_no_source_file(capsys, argv):
    out = cli(capsys, *argv)
    assert out.strip() and leaks(out) == []


def test_the_field_listing_cites_articles_by_title_and_sentence(capsys):
    out = cli(capsys, "fields")
    line = next(row for row in out.splitlines() if row.startswith("vector_search_cost_per_query_usd"))
    assert 'ScaledByDesign, "Fine-Tuning vs. RAG — The Decision Framework for Production AI"' in line
    assert "“Vector search: 10K × $0.0002 = $2/day”" in line


@pytest.mark.parametrize("preset_id", PRESETS)
def test_no_export_names_a_source_file(preset_id):
    chosen = presets()[preset_id]
    analysis = analyse(chosen.scenario)
    exports = {
        "results csv": results_csv(analysis.export_rows()),
        "months csv": results_csv(analysis.timeline.to_dict("records")),
        "scenario toml": to_toml(chosen.scenario, {"title": chosen.title}),
        "preset toml": to_toml(chosen.scenario, chosen.meta),
        "compare csv": compare_csv({chosen.title: chosen.scenario}),
    }
    assert {name: leaks(text) for name, text in exports.items() if leaks(text)} == {}


def test_the_results_csv_cites_the_rules_that_block_a_strategy_by_title_and_sentence():
    rows = analyse(presets()["pharma_drug_interactions"].scenario).export_rows()
    prompt = next(r for r in rows if r["strategy"] == "prompt")
    assert "citations_need_retrieval" in prompt["blocked_by"]
    assert "“RAG gives you a retrievable source for every answer.”" in prompt["blocked_by_sources"]
    assert "“RAG gives you a retrievable source" in results_csv(rows)

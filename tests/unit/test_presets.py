"""The presets in scenarios/: each loads through the model, names its sources, lands where its case does."""

import pytest

from core.engine.analysis import analyse
from core.io.presets import DEFAULT_PRESET, SCENARIOS_DIR, fields_set, preset, presets
from core.model.errors import ScenarioError

PRESET_FILES = sorted(SCENARIOS_DIR.glob("*.toml"))
REQUIRED = ("klarna", "insurance_claims", "support_10k_per_day")


def test_every_file_in_scenarios_is_a_preset_and_the_required_cases_are_there():
    assert [p.stem for p in PRESET_FILES] == list(presets())
    assert set(REQUIRED) <= set(presets())
    assert len(presets()) >= 6
    assert DEFAULT_PRESET in presets()


@pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.stem)
def test_every_number_a_preset_sets_names_its_source(path):
    p = preset(path.stem)
    missing = [name for name in fields_set(path) if not p.sources.get(name, "").strip()]
    assert missing == []


@pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.stem)
def test_every_preset_evaluates_to_a_recommendation_with_sourced_reasons(path):
    result = analyse(preset(path.stem).scenario)
    assert result.recommendation.strategy in ("prompt", "rag", "fine_tune", "hybrid")
    assert all(r.source for r in result.recommendation.reasons)
    assert preset(path.stem).story.strip()


@pytest.mark.parametrize(
    ("preset_id", "expected"),
    [
        ("klarna", "rag"),
        ("insurance_claims", "rag"),
        ("pharma_drug_interactions", "rag"),
        ("fine_tuning_200k_mistake", "rag"),
        ("medical_documentation", "hybrid"),
        ("sales_call_compliance", "hybrid"),
    ],
)
def test_each_case_study_lands_where_its_source_says(preset_id, expected):
    assert analyse(preset(preset_id).scenario).recommendation.strategy == expected


def test_the_insurance_case_reproduces_its_accuracy_and_maintenance_figures():
    table = analyse(preset("insurance_claims").scenario).strategies.set_index("strategy")
    assert table.loc["fine_tune", "expected_accuracy"] == pytest.approx(0.84)
    assert table.loc["rag", "expected_accuracy"] == pytest.approx(0.92)
    s = preset("insurance_claims").scenario
    assert s.operations.fine_tune_maintenance_usd_per_month * 12 == pytest.approx(220_000, rel=1e-3)
    assert s.operations.rag_maintenance_usd_per_month * 12 == pytest.approx(35_000, rel=1e-3)


def test_an_unknown_preset_id_lists_the_ids():
    with pytest.raises(ScenarioError, match="klarna"):
        preset("../../etc/passwd")

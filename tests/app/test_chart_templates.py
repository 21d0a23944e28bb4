"""A chart's spec shares its compiled template (``ui.charts.with_data``): drawing never changes it."""

from __future__ import annotations

import json

import pytest
from pagetest import open_page

from core.model.strategies import LABELS
from ui import analysis_charts, charts

TEMPLATES = (  # (template, its arguments): what the three pages below draw
    (charts._cumulative_template, ()),
    (charts._components_template, ()),
    (charts._latency_template, ()),
    (charts._freshness_template, ()),
    (analysis_charts._tornado_template, ((LABELS["rag"], LABELS["hybrid"]),)),
    (analysis_charts._probability_template, ()),
    (analysis_charts._cost_box_template, ()),
)


def compiled_templates() -> str:
    return json.dumps([template(*args) for template, args in TEMPLATES], sort_keys=True)


@pytest.mark.parametrize("title", ["Explorer", "Sensitivity", "Uncertainty"])
def test_drawing_a_page_twice_leaves_every_compiled_template_as_it_was(title):
    for template, _ in TEMPLATES:
        template.cache_clear()  # compiled afresh: an earlier test may have drawn these charts
    before = compiled_templates()
    at = open_page(title, "insurance_claims")
    at.run()
    assert not at.exception and at.get("vega_lite_chart")
    assert compiled_templates() == before  # no dataset of a run, no change Streamlit made

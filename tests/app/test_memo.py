"""The decision memo (ui.memo): one HTML file with the answer, reasons, figures, charts and inputs."""

import base64
import re
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.sources import describe
from core.model.strategies import LABELS
from ui.memo import changed_inputs, memo_html

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & Co'
SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
WHEN = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def claims():
    """The insurance preset at 20,000 queries/day, its analysis and its memo."""
    chosen = presets()["insurance_claims"]
    analysis = analyse(chosen.scenario.updated({"queries_per_day": 20_000}))
    return chosen, analysis, memo_html(analysis, chosen, HOSTILE, now=WHEN)


def test_the_memo_states_the_recommendation_its_payback_and_the_date(claims):
    _, analysis, html = claims
    strategy = LABELS[analysis.recommendation.strategy]
    assert f"Recommended: {strategy} (fit: {analysis.recommendation.fit_tier})." in html
    assert analysis.payback.sentence in html
    assert "Prepared 22 November 2026, 09:30 UTC" in html


def test_the_memo_embeds_the_four_charts_as_png_images(claims):
    html = claims[2]
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,([^"]+)">', html)
    assert len(images) == html.count("<img") == 4
    for _, data in images:
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_hostile_scenario_name_is_escaped_never_markup(claims):
    html = claims[2]
    assert "<script>" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and "&amp; Co" in html


def test_every_reason_appears_with_its_source_cited_never_by_file_name(claims):
    _, analysis, html = claims
    for reason in analysis.recommendation.reasons:
        assert reason.text.replace('"', "&quot;").replace("'", "&#x27;") in html
    assert "KnowMBA Advisory, &quot;Fine-Tuning vs RAG&quot;" in html
    assert not SEED_FILE.search(html)


def test_the_memo_lists_the_inputs_that_differ_from_the_preset_and_the_price_sources(claims):
    chosen, analysis, html = claims
    assert changed_inputs(analysis, chosen) == [("Queries per day (queries/day)", "2,000", "20,000")]
    assert "<td>Queries per day (queries/day)</td><td>2,000</td><td>20,000</td>" in html
    assert "genai-prices" in html and "as of 2025-06-01" in html


def test_the_preset_as_published_says_no_input_differs():
    chosen = presets()["klarna"]
    analysis = analyse(chosen.scenario)
    assert changed_inputs(analysis, chosen) == []
    assert "None: the preset as published." in memo_html(analysis, chosen, chosen.title)


@pytest.mark.parametrize(
    "note, cited",
    [
        ("knowmba: a case", 'KnowMBA Advisory, "Fine-Tuning vs RAG": a case'),
        ("scaledbydesign; knowmba", 'ScaledByDesign, "Fine-Tuning vs. RAG'),
        ("$35,000 a run and 0.004 a query", "$35,000 a run and 0.004 a query"),
    ],
)
def test_a_source_note_names_the_article_and_leaves_numbers_alone(note, cited):
    assert describe(note).startswith(cited)


def test_the_explorer_offers_the_memo_beside_the_other_downloads():
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.run()
    labels = [b.label for b in at.get("download_button")]
    assert labels[0] == "Decision memo (HTML)" and len(labels) == 4

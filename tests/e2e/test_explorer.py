"""The Explorer in a real browser: charts drawn, sliders live, URL shared, presets, CSV round trip."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from core.engine.analysis import analyse
from core.io.presets import DEFAULT_PRESET, presets
from core.model.strategies import LABELS
from support.browser import (
    click_download,
    click_option,
    get_chart_markup,
    get_charts,
    get_error,
    get_exceptions,
    get_metrics,
    get_slider,
    get_slider_text,
    goto,
    move_slider,
    new_page,
    upload_file,
    wait_for_new_charts,
)

pytestmark = pytest.mark.e2e

HEADLINE = ("queries_per_day", "updates_per_month", "labeled_examples", "latency_budget_ms", "horizon_months")
EXPLORER_CHARTS = 5  # cumulative cost, monthly components, cost against volume, latency, freshness
# A preset where every headline input moves a cost chart (in the default one, with per-query
# prices and no retrain cost, the update cadence moves only the freshness chart).
MOVING_PRESET = "medical_documentation"


def sliders(page) -> dict[str, str]:
    return {key: get_slider_text(page, key) for key in HEADLINE}


def url_params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def expect_state(page, slider_texts: dict[str, str], metrics: list[str]) -> None:
    """Retrying until the page shows these slider values and headline figures (or times out)."""
    for key, text in slider_texts.items():
        expect(get_slider(page, key)).to_have_attribute("aria-valuetext", text)
    expect(page.locator("[data-testid=stMetric]")).to_have_text(metrics, use_inner_text=True)


def test_the_first_load_draws_every_explorer_chart(page):
    charts = get_charts(page)
    expect(charts).to_have_count(EXPLORER_CHARTS)
    for chart in charts.all():
        box = chart.locator(":scope > .marks").bounding_box()  # Vega's SVG (or canvas), laid out
        assert box is not None and box["width"] > 100 and box["height"] > 100
    assert get_exceptions(page).count() == 0


@pytest.mark.parametrize("key", HEADLINE)
def test_moving_a_headline_slider_with_the_keyboard_redraws_the_charts_and_updates_the_url(page, server, key):
    goto(page, f"{server.url}/?preset={MOVING_PRESET}")
    text, markup = get_slider_text(page, key), get_chart_markup(page)
    assert key not in url_params(page)  # defaults stay out of the URL
    move_slider(page, key, "ArrowRight")
    assert get_slider_text(page, key) != text
    assert len(wait_for_new_charts(page, markup)) == EXPLORER_CHARTS
    expect(page).to_have_url(re.compile(rf"[?&]{key}="))
    assert get_exceptions(page).count() == 0


def test_opening_a_shared_url_restores_that_state(page, browser):
    for key, press in (("queries_per_day", "ArrowLeft"), ("labeled_examples", "ArrowRight"),
                       ("updates_per_month", "ArrowLeft"), ("horizon_months", "ArrowRight")):  # fmt: skip
        move_slider(page, key, press)
    shared, state, figures = page.url, sliders(page), get_metrics(page)
    other = new_page(browser)  # another person: a fresh browser context
    try:
        goto(other, shared)
        expect_state(other, state, figures)
        assert get_exceptions(other).count() == 0
    finally:
        other.context.close()


def test_a_plain_number_in_the_url_seeds_its_slider(page, server):
    goto(page, f"{server.url}/?labeled_examples=20000")
    expect(get_slider(page, "labeled_examples")).to_have_attribute(
        "aria-valuetext", re.compile(r"^20(k|,?000)$")
    )


@pytest.mark.parametrize("preset_id", list(presets()))
def test_each_preset_loads_with_its_recommendation(page, preset_id):
    chosen = presets()[preset_id]
    if preset_id != DEFAULT_PRESET:
        click_option(page, "preset", chosen.title)
        expect(page).to_have_url(re.compile(rf"[?&]preset={preset_id}(&|$)"))
    recommended = LABELS[analyse(chosen.scenario).recommendation.strategy]
    expect(page.locator("[data-testid=stMetric]").first).to_have_text(re.compile(rf"{recommended}$"))
    horizon = chosen.scenario.workload.horizon_months
    expect(get_slider(page, "horizon_months")).to_have_attribute(
        "aria-valuetext", re.compile(rf"^{horizon}\b")
    )
    expect(get_charts(page)).to_have_count(EXPLORER_CHARTS)  # every chart mounted, not only the first drawn
    assert get_exceptions(page).count() == 0


def test_a_downloaded_csv_uploaded_back_restores_the_same_numbers(page):
    move_slider(page, "labeled_examples", "ArrowRight")
    exported, state, figures = click_download(page, "Results CSV"), sliders(page), get_metrics(page)
    for key in ("queries_per_day", "labeled_examples", "horizon_months"):
        move_slider(page, key, "ArrowRight")
    assert sliders(page) != state
    upload_file(page, "results.csv", exported)
    expect_state(page, state, figures)
    assert click_download(page, "Results CSV") == exported
    assert get_exceptions(page).count() == 0


def test_a_bad_upload_shows_an_error_and_keeps_the_scenario(page):
    move_slider(page, "horizon_months", "ArrowRight")
    state, figures = sliders(page), get_metrics(page)
    upload_file(page, "bad.csv", b"colour,size\nred,12\n")
    expect(get_error(page).first).to_contain_text("unknown column 'colour'")
    expect_state(page, state, figures)
    assert get_exceptions(page).count() == 0


def test_the_decision_memo_downloads_as_html_with_the_recommendation_and_four_chart_images(page):
    html = click_download(page, "Decision memo (HTML)").decode("utf-8")
    strategy = analyse(presets()[DEFAULT_PRESET].scenario).recommendation.strategy
    assert html.startswith("<!doctype html>") and f"Recommended: {LABELS[strategy]}" in html
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', html)) == 4
    assert get_exceptions(page).count() == 0


def test_on_the_default_preset_the_cadence_slider_redraws_the_freshness_chart(page):
    before = get_chart_markup(page)
    move_slider(page, "updates_per_month", "ArrowLeft")
    after = wait_for_new_charts(page, before)
    changed = [drawn for drawn, old in zip(after, before, strict=True) if drawn != old]
    assert any("Freshness vs update cadence" in drawn for drawn in changed)
    assert get_exceptions(page).count() == 0


def test_downloads_are_built_from_the_sliders_as_they_are_when_clicked(page):
    # The sliders and charts rerun as a fragment, without redrawing the download buttons: each
    # download must still read the scenario current at the click, not the one it was drawn with.
    horizon = presets()[DEFAULT_PRESET].scenario.workload.horizon_months
    move_slider(page, "horizon_months", "ArrowRight")
    toml = click_download(page, "Scenario TOML").decode("utf-8")
    assert re.search(rf"^horizon_months = {horizon + 1}$", toml, re.MULTILINE)
    months = click_download(page, "Month-by-month CSV").decode("utf-8").splitlines()
    assert len(months) == 1 + 4 * (horizon + 2)  # header, then months 0..horizon+1 per strategy
    assert get_exceptions(page).count() == 0

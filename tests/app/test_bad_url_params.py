"""Bad URL query parameters (the bad-input corpus, URL part): the app opens the preset's scenario,
says which parameter it ignored and why, drops it from the URL, and never raises or runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pagetest import shown
from streamlit.testing.v1 import AppTest

from core.io.presets import DEFAULT_PRESET, preset

APP = str(Path(__file__).resolve().parents[2] / "app.py")
HEADLINE = ("queries_per_day", "updates_per_month", "labeled_examples", "latency_budget_ms", "horizon_months")
DEFAULTS = {k: v for k, v in preset(DEFAULT_PRESET).scenario.flat().items() if k in HEADLINE}
CODE = "__import__('os').system('touch pwned')"


def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, params: dict) -> AppTest:
    monkeypatch.chdir(tmp_path)  # so that code in a parameter, if it ran, would leave tmp_path/pwned
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception
    assert not (tmp_path / "pwned").exists()
    return at


def headline(at: AppTest) -> dict:
    return {w.key: w.value for w in (*at.select_slider, *at.slider) if w.key in HEADLINE}


BAD = [
    pytest.param({"queries_per_day": "abc"}, ("queries_per_day", "'abc'", "10 to 10,000,000"), id="garbage"),
    pytest.param({"queries_per_day": ""}, ("queries_per_day", "''"), id="empty"),
    pytest.param({"queries_per_day": "x" * 10_000}, ("queries_per_day",), id="10k-characters"),
    pytest.param({"queries_per_day": CODE}, ("queries_per_day",), id="code"),
    pytest.param({"queries_per_day": "-5"}, ("queries_per_day", "-5"), id="negative"),
    pytest.param({"queries_per_day": "1e99"}, ("queries_per_day", "10,000,000"), id="far-above-max"),
    pytest.param({"queries_per_day": "nan"}, ("queries_per_day", "'nan'"), id="nan"),
    pytest.param({"queries_per_day": "inf"}, ("queries_per_day", "'inf'"), id="inf"),
    pytest.param({"queries_per_day": "1e999999k"}, ("queries_per_day", "'1e999999k'"), id="decimal-overflow"),
    pytest.param({"labeled_examples": "9e999999m"}, ("labeled_examples", "'9e999999m'"), id="decimal-overflow-m"),
    pytest.param({"latency_budget_ms": "1e999999k"}, ("latency_budget_ms",), id="decimal-overflow-slider"),
    pytest.param({"updates_per_month": "hourly"}, ("updates_per_month", "'hourly'"), id="unknown-cadence"),
    pytest.param({"labeled_examples": "20000.5"}, ("labeled_examples", "whole number"), id="fraction-of-an-example"),
    pytest.param({"latency_budget_ms": "50"}, ("latency_budget_ms", "100 to 10,000"), id="below-min"),
    pytest.param({"horizon_months": "999"}, ("horizon_months", "1 to 60"), id="above-max"),
    pytest.param({"horizon_months": "0"}, ("horizon_months", "1 to 60"), id="zero-months"),
    pytest.param({"horizon_months": "60.9"}, ("horizon_months", "whole number"), id="fraction-of-a-month"),
    pytest.param({"labeled_examples": "1" + "0" * 5000}, ("labeled_examples", "too long"), id="5000-digits"),
    pytest.param({"queries_per_day": ["100", "abc"]}, ("queries_per_day", "'abc'"), id="repeated-last-bad"),
    pytest.param({"preset": "../../etc/passwd"}, ("preset", "'../../etc/passwd'"), id="preset-path-traversal"),
    pytest.param({"preset": "/etc/passwd"}, ("preset", "'/etc/passwd'"), id="preset-absolute-path"),
    pytest.param({"preset": "scenarios/klarna.toml"}, ("preset", "'scenarios/klarna.toml'"), id="preset-file-path"),
    pytest.param({"preset": CODE}, ("preset",), id="preset-code"),
]  # fmt: skip


@pytest.mark.parametrize(("params", "fragments"), BAD)
def test_a_bad_url_parameter_is_ignored_with_a_warning_naming_it(params, fragments, tmp_path, monkeypatch):
    at = opened(tmp_path, monkeypatch, params)
    assert headline(at) == DEFAULTS
    assert at.selectbox(key="preset").value == DEFAULT_PRESET
    assert len(at.warning) == 1
    message = shown(at.warning[0])
    assert len(message) <= 400
    for fragment in fragments:
        assert fragment in message
    assert not set(params) & set(at.query_params)  # the ignored value left the URL


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"colour": "red", "__class__": "x"}, DEFAULTS, id="unknown-parameters"),
        pytest.param(
            {"queries_per_day": ["abc", "100"]},
            DEFAULTS | {"queries_per_day": 100.0},
            id="repeated-last-good",
        ),
        pytest.param(
            {"queries_per_day": "20k/day"}, DEFAULTS | {"queries_per_day": 20_000.0}, id="slider-label"
        ),
    ],
)
def test_unknown_or_repeated_parameters_open_the_app_without_a_warning(
    params, expected, tmp_path, monkeypatch
):
    at = opened(tmp_path, monkeypatch, params)
    assert headline(at) == expected
    assert not at.warning and not at.error


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        pytest.param({"queries_per_day": ["abc", "100"]}, {"queries_per_day": "100/day"}, id="repeated"),
        pytest.param({"labeled_examples": "20000"}, {"labeled_examples": "20k"}, id="plain-number"),
        pytest.param({"updates_per_month": "1"}, {"updates_per_month": "monthly"}, id="cadence-number"),
        pytest.param({"latency_budget_ms": "700.0"}, {"latency_budget_ms": "700"}, id="float-spelling"),
        pytest.param({"horizon_months": "036"}, {"horizon_months": "36"}, id="leading-zero"),
        pytest.param({"updates_per_month": "-0"}, {"updates_per_month": "static"}, id="minus-zero"),
        pytest.param({"labeled_examples": "1e3"}, {"labeled_examples": "1k"}, id="exponent"),
        pytest.param({"preset": ["insurance_claims", "klarna"]}, {"preset": "klarna"}, id="repeated-preset"),
    ],
)
def test_a_links_values_stay_in_the_url_once_each_as_the_slider_spells_them(
    params, kept, tmp_path, monkeypatch
):
    at = opened(tmp_path, monkeypatch, params)
    url = {name: at.query_params.get(name) for name in kept}  # AppTest keeps the URL as a dict
    assert {k: v if isinstance(v, list) else [v] for k, v in url.items()} == {k: [v] for k, v in kept.items()}

"""Links in a real browser: a link carries every changed field (not only the sliders), and after a
server restart the next interaction rebuilds the whole scenario from the link."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from core.io.presets import DEFAULT_PRESET, presets
from support import server as serving
from support.browser import (
    READY,
    click_download,
    click_page,
    get_metrics,
    goto,
    move_slider,
    new_page,
    runs,
    wait_for_rerun,
)

pytestmark = pytest.mark.e2e

# Expanders of the Explorer's inputs (ui.inputs.GROUPS) by their keys, and a change in each kind
# of widget: a number, a flag, a choice.
TRAINING, NEEDS, KNOWLEDGE = "open_Training and labelling", "open_Needs and quality", "open_Retrieval"


def key_class(key: str) -> str:
    """The CSS class Streamlit gives the element keyed ``key``."""
    return ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def act(page: Page, action) -> None:
    """Do ``action`` (which makes the app rerun) and wait for that rerun to be drawn."""
    before = runs(page)
    action()
    wait_for_rerun(page, before)


def open_group(page: Page, key: str) -> None:
    act(page, lambda: page.locator(f"{key_class(key)} summary").click())


def type_number(page: Page, key: str, text: str) -> None:
    box = page.locator(f"{key_class(key)} input")
    act(page, lambda: (box.fill(text), box.press("Enter")))


def change_fields(page: Page) -> None:
    """Change five inputs that no slider shows: two numbers, a flag, a choice and a price."""
    open_group(page, TRAINING)
    type_number(page, "epochs", "7")
    options = page.locator(f"{key_class('training_method')} [role=radiogroup] label")
    act(page, lambda: options.filter(has_not=page.locator("input:checked")).first.click())  # another method
    open_group(page, NEEDS)
    act(page, lambda: page.locator(f"{key_class('behaviour_gap')} label").click())
    type_number(page, "cost_per_error_usd", "2.5")
    open_group(page, KNOWLEDGE)
    type_number(page, "corpus_tokens", "123456789")


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_a_link_with_changed_detail_inputs_opens_the_same_figures_to_the_cent(
    page, browser, server, preset_id
):
    if preset_id != DEFAULT_PRESET:
        goto(page, f"{server.url}/?preset={preset_id}")
    change_fields(page)
    move_slider(page, "horizon_months", "ArrowLeft")
    shared = page.url
    assert {"epochs", "training_method", "behaviour_gap", "cost_per_error_usd", "corpus_tokens"} <= set(
        params(shared)
    )
    exported, figures = click_download(page, "Results CSV"), get_metrics(page)
    other = new_page(browser)  # another person: a fresh browser context, a new session
    try:
        goto(other, shared)
        assert get_metrics(other) == figures
        assert click_download(other, "Results CSV") == exported  # every input and figure, every digit
        assert params(other.url) == params(shared)
    finally:
        other.context.close()


def test_after_a_server_restart_the_next_slider_move_keeps_every_changed_field(browser):
    port = serving.free_port()
    page = new_page(browser)
    try:
        with serving.streamlit_server("app.py", serving.ARTIFACTS / "restart-1.log", port=port) as first:
            goto(page, f"{first.url}/?preset=klarna")
            change_fields(page)
            move_slider(page, "horizon_months", "ArrowLeft")
            url, exported, figures = page.url, click_download(page, "Results CSV"), get_metrics(page)
        page.locator(READY).wait_for(state="detached")  # the page saw the server go
        with serving.streamlit_server("app.py", serving.ARTIFACTS / "restart-2.log", port=port):
            page.locator(READY).wait_for()  # reconnected, to a new server session
            move_slider(page, "horizon_months", "ArrowRight")
            move_slider(page, "horizon_months", "ArrowLeft")
            assert get_metrics(page) == figures
            assert click_download(page, "Results CSV") == exported
            assert params(page.url) == params(url)
    finally:
        page.context.close()


def test_after_a_server_restart_compares_saved_scenarios_come_back_from_the_link(browser):
    port = serving.free_port()
    page = new_page(browser)
    try:
        with serving.streamlit_server("app.py", serving.ARTIFACTS / "restart-3.log", port=port) as first:
            goto(page, f"{first.url}/?preset=klarna")
            move_slider(page, "queries_per_day", "ArrowLeft")
            click_page(page, "Compare")
            page.locator(f"{key_class('compare_name')} input").fill("before the restart")
            act(page, lambda: page.get_by_role("button", name="Save current scenario").click())
            table = page.locator("[data-testid=stDataFrame]")
            expect(table).to_contain_text("before the restart")
        page.locator(READY).wait_for(state="detached")
        with serving.streamlit_server("app.py", serving.ARTIFACTS / "restart-4.log", port=port):
            page.locator(READY).wait_for()
            move_slider(page, "queries_per_day", "ArrowRight")
            move_slider(page, "queries_per_day", "ArrowLeft")
            expect(page.locator(key_class("compare_pick"))).to_contain_text("before the restart")
            expect(table).to_contain_text("before the restart")
    finally:
        page.context.close()

"""Links in a real browser: a link carries every changed field (not only the sliders), and after a
server restart the next interaction rebuilds the whole scenario from the link."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from core.io.presets import DEFAULT_PRESET, presets
from core.io.toml_files import to_toml
from support import server as serving
from support.browser import (
    NEXT_FRAME_JS,
    READY,
    click_download,
    click_page,
    get_metrics,
    goto,
    move_slider,
    new_page,
    runs,
    upload_file,
    wait_for_rerun,
)

pytestmark = pytest.mark.e2e

# Groups of the Explorer's inputs (ui.inputs.GROUPS), shown one at a time in the input box, and a
# change in each kind of widget: a number, a flag, a choice.
TRAINING, NEEDS, KNOWLEDGE = "Training", "Needs and quality", "Retrieval"


def key_class(key: str) -> str:
    """The CSS class Streamlit gives the element keyed ``key``."""
    return ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def act(page: Page, action) -> None:
    """Do ``action`` (which makes the app rerun) and wait for that rerun to be drawn."""
    before = runs(page)
    action()
    wait_for_rerun(page, before)


def open_group(page: Page, group: str) -> None:
    """Show one input group in the input box (its radio option, by its exact name)."""
    option = page.locator(".st-key-input_group label").filter(has_text=re.compile(f"^{re.escape(group)}$"))
    act(page, lambda: option.click())


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


@contextlib.contextmanager
def restarting_server(
    browser: Browser, name: str
) -> Iterator[tuple[Page, serving.Server, Callable[[], None]]]:
    """A fresh page (closed at the end), the app served on a free port, and ``restart()``: stop
    that server, wait until the page sees it go, serve the app again on the same port, and wait for
    the full run the page asks for on reconnecting (``ui.frame.live``'s guard), so the test acts on
    the new session."""
    port = serving.free_port()
    with contextlib.ExitStack() as stack:
        page = new_page(browser)
        stack.callback(page.context.close)
        servers = stack.enter_context(contextlib.ExitStack())  # stopped before the page is closed
        first = servers.enter_context(
            serving.streamlit_server("app.py", serving.ARTIFACTS / f"{name}-1.log", port=port)
        )

        def restart() -> None:
            before = runs(page)
            servers.close()  # stops the first server
            page.locator(READY).wait_for(state="detached")
            log = serving.ARTIFACTS / f"{name}-2.log"
            servers.enter_context(serving.streamlit_server("app.py", log, port=port))
            wait_for_rerun(page, before)

        yield page, first, restart


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
        expect(other.locator("[data-testid=stMetric]")).to_have_text(figures, use_inner_text=True)
        assert click_download(other, "Results CSV") == exported  # every input and figure, every digit
        assert params(other.url) == params(shared)
    finally:
        other.context.close()


def test_after_a_server_restart_the_next_slider_move_keeps_every_changed_field(browser):
    with restarting_server(browser, "restart-slider") as (page, first, restart):
        goto(page, f"{first.url}/?preset=klarna")
        change_fields(page)
        move_slider(page, "horizon_months", "ArrowLeft")
        url, exported, figures = page.url, click_download(page, "Results CSV"), get_metrics(page)
        restart()
        move_slider(page, "horizon_months", "ArrowRight")
        move_slider(page, "horizon_months", "ArrowLeft")
        expect(page.locator("[data-testid=stMetric]")).to_have_text(figures, use_inner_text=True)
        assert click_download(page, "Results CSV") == exported
        assert params(page.url) == params(url)


def test_after_a_server_restart_the_sliders_work_when_the_last_run_was_a_full_one(browser):
    # The sliders rerun as a fragment (ui.frame.live). A new session after a restart has drawn no
    # fragment, and Streamlit drops a rerun of one it does not hold, so the browser must ask for
    # a full run on reconnecting (restart() waits for it), even when its last run was a full one.
    with restarting_server(browser, "restart-full-run") as (page, first, restart):
        goto(page, f"{first.url}/?preset=klarna")
        change_fields(page)
        move_slider(page, "queries_per_day", "ArrowLeft")
        moved, moved_url = get_metrics(page), page.url
        move_slider(page, "queries_per_day", "ArrowRight")
        goto(page, page.url)  # a page load: the last run before the restart is a full one
        figures = get_metrics(page)
        assert figures != moved and len(figures) == len(moved) == 4  # every headline figure
        restart()
        expect(page.locator("[data-testid=stMetric]")).to_have_text(figures, use_inner_text=True)
        move_slider(page, "queries_per_day", "ArrowLeft")
        expect(page.locator("[data-testid=stMetric]")).to_have_text(moved, use_inner_text=True)
        assert params(page.url) == params(moved_url)


def test_after_a_server_restart_an_edit_of_a_detail_input_wins_over_the_older_link(browser):
    with restarting_server(browser, "restart-detail") as (page, first, restart):
        goto(page, f"{first.url}/?preset=klarna")
        change_fields(page)  # epochs at 7
        open_group(page, TRAINING)  # the box shows one group at a time: epochs in sight
        url = page.url
        restart()
        type_number(page, "epochs", "9")  # the first interaction with the new server
        expect(page.locator(f"{key_class('epochs')} input")).to_have_value("9")
        expect(page).to_have_url(re.compile(r"[?&]epochs=9(&|$)"))
        now = params(page.url)
        assert now.pop("epochs") == ["9"] and now == {k: v for k, v in params(url).items() if k != "epochs"}
        exported = click_download(page, "Results CSV").decode()
        assert ",9.0," in exported.splitlines()[1] and "123456789" in exported


def test_after_a_server_restart_compares_saved_scenarios_come_back_from_the_link(browser):
    with restarting_server(browser, "restart-compare") as (page, first, restart):
        goto(page, f"{first.url}/?preset=klarna")
        move_slider(page, "queries_per_day", "ArrowLeft")
        click_page(page, "Compare")
        page.locator(f"{key_class('compare_name')} input").fill("before the restart")
        act(page, lambda: page.get_by_role("button", name="Save current scenario").click())
        table = page.locator("[data-testid=stDataFrame]")
        expect(table).to_contain_text("before the restart")
        restart()
        move_slider(page, "queries_per_day", "ArrowRight")
        move_slider(page, "queries_per_day", "ArrowLeft")
        expect(page.locator(key_class("compare_pick"))).to_contain_text("before the restart")
        expect(table).to_contain_text("before the restart")


def editor_cells(page: Page) -> list[str]:
    """The first row of the Uncertainty ranges editor, as the grid's accessible table reads it."""
    cells = page.locator("[data-testid=stDataFrame]").first.locator("[role=gridcell]")
    return [cells.nth(i).inner_text() for i in range(4)]


def settled_box(page: Page, locator) -> dict:
    """``locator``'s box once it has stopped moving (an expander opens with an animation)."""
    before = None
    while (box := locator.bounding_box()) != before or box is None:
        before = box
        page.evaluate(NEXT_FRAME_JS)
    return box


def test_reset_ranges_puts_the_documented_values_back_in_the_table(page, server):
    goto(page, f"{server.url}/uncertainty?preset=klarna")
    page.get_by_text("Ranges (editable").click()  # not lazy: no rerun
    untouched, figures = editor_cells(page), get_metrics(page)
    grid = settled_box(page, page.locator("[data-testid=stDataFrame]").first)
    page.mouse.click(grid["x"] + 20, grid["y"] + 35 + 17)  # the first body cell (35 px rows)
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # to "high"
    page.keyboard.press("Enter")  # opens the cell's editor
    cell = page.locator("input.gdg-input")
    cell.fill("9")
    act(page, lambda: cell.press("Enter"))
    assert editor_cells(page) != untouched  # the edit is in the table (high 9 < likely: refused)
    act(page, lambda: page.get_by_role("button", name="Reset ranges").click())
    cells = page.locator("[data-testid=stDataFrame]").first.locator("[role=gridcell]")
    for i, text in enumerate(untouched):
        expect(cells.nth(i)).to_have_text(text)
    assert get_metrics(page) == figures


def test_uploading_the_month_by_month_csv_names_the_file_to_upload_instead(page):
    months = click_download(page, "Month-by-month CSV")
    upload_file(page, "support_months.csv", months)
    expect(page.locator("[data-testid=stAlertContentError]").first).to_contain_text(
        "upload the Results CSV or the Scenario TOML"
    )


def test_an_uploaded_file_is_named_in_the_caption_and_survives_a_server_restart(browser):
    source = presets()["insurance_claims"].scenario.updated({"behaviour_gap": True, "epochs": 5})
    with restarting_server(browser, "restart-upload") as (page, first, restart):
        goto(page, first.url)
        upload_file(page, "our claims.toml", to_toml(source).encode(), "application/toml")
        caption = page.locator("[data-testid=stCaptionContainer]").first
        expect(caption).to_contain_text("our claims.toml")
        picker = page.locator(f"{key_class('preset')} input")
        expect(picker).to_have_value("")  # no preset claimed
        expect(picker).to_have_attribute("placeholder", "From an uploaded file")
        url, exported = page.url, click_download(page, "Results CSV")
        restart()
        move_slider(page, "horizon_months", "ArrowRight")
        move_slider(page, "horizon_months", "ArrowLeft")
        expect(caption).to_contain_text("our claims.toml")
        assert click_download(page, "Results CSV") == exported
        assert params(page.url) == params(url)


def test_compares_selection_survives_a_visit_to_another_page(page):
    click_page(page, "Compare")
    pick = page.locator(key_class("compare_pick"))
    act(page, lambda: pick.get_by_role("button", name=re.compile("Remove|Delete|Clear")).last.click())
    chosen = pick.inner_text()
    click_page(page, "Explorer")
    click_page(page, "Compare")
    expect(pick).to_have_text(chosen)


def test_markup_in_a_links_file_name_or_model_is_shown_as_plain_text(page, server):
    evil = "[Session expired: sign in](http://evil.example/x.png)"
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    goto(page, f"{server.url}/?file={quote(evil)}&model={quote('![](http://evil.example/p.png)')}")
    caption = page.locator("[data-testid=stCaptionContainer]").first
    expect(caption).to_contain_text("sign in](http")
    assert page.locator("[data-testid=stMain]").locator("a[href*=evil], img[src*=evil]").count() == 0
    assert seen == []

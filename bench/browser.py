"""Browser timings in Chromium: slider keypress to every chart redrawn, and navigation to every
chart drawn, for the Explorer and the floor script, interleaved in one run.

Times are taken inside the page (``performance.now()``): from the keydown (or the navigation
start) to the later of the script run's end and the last change inside any chart, once the page
has been quiet for QUIET_MS.
"""

from __future__ import annotations

import contextlib
import statistics

from playwright.sync_api import Browser, Page, sync_playwright

from bench.rerun import FLOOR, KEY
from bench.timing import Row
from support import browser as harness
from support import server as serving

KEYPRESSES = 20
NAVIGATIONS = 7
QUIET_MS = 400
SETTLED = f"performance.now() - Math.max(window.__runDone, window.__chartChanged) > {QUIET_MS}"
DRAWN_AT = "Math.max(window.__runDone, window.__chartChanged)"


def _navigation_ms(browser: Browser, url: str) -> float:
    page = harness.new_page(browser)
    try:
        harness.goto(page, url)
        page.wait_for_function(SETTLED)
        return page.evaluate(DRAWN_AT)  # performance.now() counts from the navigation start
    finally:
        page.context.close()


def keypress_ms(page: Page, press: str) -> float:
    slider = harness.get_slider(page, KEY)
    slider.focus()
    before = harness.runs(page)
    page.keyboard.press(press)
    harness.wait_for_rerun(page, before)
    page.wait_for_function(SETTLED)
    return page.evaluate(f"{DRAWN_AT} - window.__keyAt")


def browser_timings() -> list[Row]:
    if missing := harness.chromium_missing():
        return [Row("browser", "not measured", "", missing)]
    logs = serving.ROOT / ".bench"  # the servers' logs (git-ignored)
    with contextlib.ExitStack() as stack:
        app = stack.enter_context(serving.streamlit_server("app.py", logs / "app.log"))
        floor = stack.enter_context(serving.streamlit_server(FLOOR, logs / "floor.log"))
        playwright = stack.enter_context(sync_playwright())
        browser = harness.launch_chromium(playwright)
        stack.callback(browser.close)
        urls = {"Explorer": app.url, "floor": floor.url}
        navigation = {name: [] for name in urls}
        for _ in range(NAVIGATIONS):
            for name, url in urls.items():
                navigation[name].append(_navigation_ms(browser, url))
        pages = {name: harness.new_page(browser) for name in urls}
        keypress = {name: [] for name in urls}
        for name, page in pages.items():
            harness.goto(page, urls[name])
        for i in range(KEYPRESSES):
            for name, page in pages.items():
                keypress[name].append(keypress_ms(page, "ArrowRight" if i % 2 == 0 else "ArrowLeft"))
        charts = {name: harness.get_charts(page).count() for name, page in pages.items()}
    key = {name: statistics.median(v) for name, v in keypress.items()}
    nav = {name: statistics.median(v) for name, v in navigation.items()}
    return [
        Row("browser: keypress to charts redrawn, floor", f"{key['floor']:,.0f} ms", "-",
            f"median of {KEYPRESSES}, {charts['floor']} chart"),
        Row("browser: keypress to charts redrawn, Explorer", f"{key['Explorer']:,.0f} ms", "<= 1.5x floor",
            f"{key['Explorer'] / key['floor']:.2f}x floor, {charts['Explorer']} charts"),
        Row("browser: navigation to charts drawn, floor", f"{nav['floor']:,.0f} ms", "-",
            f"median of {NAVIGATIONS} fresh loads"),
        Row("browser: navigation to charts drawn, Explorer", f"{nav['Explorer']:,.0f} ms", "-",
            f"{nav['Explorer'] / nav['floor']:.2f}x floor"),
    ]  # fmt: skip

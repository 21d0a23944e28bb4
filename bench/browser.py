"""Browser timings in Chromium: slider keypress to every chart redrawn, and navigation to every
chart drawn, for the Explorer, each analysis page with charts and the floor script, interleaved in
one run. The floor is also measured drawing its chart 2 and 5 times (``SEVERAL``): Streamlit's own
cost of a page with that many charts, to read the targets against.

Both servers are started as ``make run`` starts the app (``support.server``, same
``.streamlit/config.toml``). Times are taken inside the page (``performance.now()``): from the
keydown (or the navigation start) to the later of the script run's end and the last change inside
any chart, once the page has been quiet for QUIET_MS. A chart changes when the DOM inside it does
(Vega's SVG) or when Vega draws on its canvas (``support.browser.OBSERVER_JS``), so charts drawn
on a canvas count too. ROUNDS rounds, each page in turn within a round; the spread is the range of
the rounds' medians.
"""

from __future__ import annotations

import contextlib
import statistics

from playwright.sync_api import Browser, Page, sync_playwright

from bench.rerun import FLOOR, FLOOR_TITLE, KEY
from bench.timing import Row, spread
from support import browser as harness
from support import server as serving
from ui.frame import PAGES

TARGETS = {"Explorer": 1.5, "Decision map": 2.0, "Sensitivity": 2.0, "Uncertainty": 2.0}  # x floor
# The floor script drawing its chart 2 and 5 times (``?charts=N``): what Streamlit itself takes to
# redraw that many charts on a slider move, the bound for a page of as many (the Explorer has 5).
SEVERAL = {f"floor with {n} charts": n for n in (2, 5)}
ROUNDS = 3
KEYPRESSES = 4  # per page per round
NAVIGATIONS = 1  # fresh loads per page per round, after one untimed load each
QUIET_MS = 300
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


def _rows(kind: str, times: dict[str, list[list[float]]], charts: dict[str, str], count: str) -> list[Row]:
    """One row per page: median, ratio to the floor with its spread over the rounds, the target."""
    median = {name: statistics.median([t for r in rounds for t in r]) for name, rounds in times.items()}
    by_round = {name: [statistics.median(r) for r in rounds] for name, rounds in times.items()}
    floor = by_round[FLOOR_TITLE]
    rows = [
        Row(f"browser: {kind}, {FLOOR_TITLE}", f"{median[FLOOR_TITLE]:,.0f} ms", "-",
            f"median of {count}, rounds {spread(floor, '{:,.0f}', ' ms')}; {charts[FLOOR_TITLE]}"),
    ]  # fmt: skip
    for name in [*SEVERAL, *TARGETS]:
        if name not in times:
            continue
        ratio = median[name] / median[FLOOR_TITLE]
        ratios = [a / b for a, b in zip(by_round[name], floor, strict=True)]
        target = "-"
        if kind.startswith("keypress") and name in TARGETS:
            target = f"<= {TARGETS[name]:g}x floor ({'met' if ratio <= TARGETS[name] else 'missed'})"
        rows.append(
            Row(f"browser: {kind}, {name}", f"{median[name]:,.0f} ms", target,
                f"{ratio:.2f}x floor (rounds {spread(ratios, '{:.2f}', 'x')}); rounds "
                f"{spread(by_round[name], '{:,.0f}', ' ms')}; {charts[name]}")
        )  # fmt: skip
    return rows


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
        urls = {FLOOR_TITLE: floor.url} | {name: f"{floor.url}/?charts={n}" for name, n in SEVERAL.items()}
        urls |= {e.title: f"{app.url}/{e.url_path}" for e in PAGES if e.title in TARGETS}
        navigation = {name: [[] for _ in range(ROUNDS)] for name in urls}
        for url in urls.values():
            _navigation_ms(browser, url)  # untimed: the server's first run of each page
        for round_ in range(ROUNDS):
            for _ in range(NAVIGATIONS):
                for name, url in urls.items():
                    navigation[name][round_].append(_navigation_ms(browser, url))
        pages = {name: harness.new_page(browser) for name in urls}
        for name, page in pages.items():
            harness.goto(page, urls[name])
            keypress_ms(page, "ArrowRight")  # untimed: the first rerun of each session
        keypress = {name: [[] for _ in range(ROUNDS)] for name in urls}
        for round_ in range(ROUNDS):
            for i in range(KEYPRESSES):
                for name, page in pages.items():
                    press = "ArrowLeft" if i % 2 == 0 else "ArrowRight"
                    keypress[name][round_].append(keypress_ms(page, press))
        charts = {name: _charts(page) for name, page in pages.items()}
    keys = f"{ROUNDS}x{KEYPRESSES} keypresses"
    loads = f"{ROUNDS}x{NAVIGATIONS} fresh loads" if NAVIGATIONS > 1 else f"{ROUNDS} fresh loads"
    return _rows("keypress to charts redrawn", keypress, charts, keys) + _rows(
        "first load to charts drawn", navigation, charts, loads
    )


def _charts(page: Page) -> str:
    """How many charts the page draws, and how many of them on a canvas."""
    marks = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] > .marks')]"
        ".map(m => m.tagName === 'CANVAS')"
    )
    canvas = sum(marks)
    return f"{len(marks)} chart{'s' if len(marks) != 1 else ''}" + (f" ({canvas} canvas)" if canvas else "")

"""A real Chromium driving the app, shared by the browser tests and ``bench`` (the server is in
``support.server``).

Nothing waits a fixed time: a page is ready when the server has sent one more
``script_finished`` than before the action (counted by a script installed in every page), its
``stApp`` element says ``notRunning`` and every chart is drawn. Helpers come in two families: ``get_*`` returns a located element (waiting for it),
``click_*``/``move_*``/``upload_*`` act and wait for the rerun they caused.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Locator, Page, Playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
INSTALL_HINT = (
    "install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or point CHROMIUM at a binary"
)
READY = "[data-testid=stApp][data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"
CHART = "[data-testid=stVegaLiteChart]"
NAV_LINK = "[data-testid=stPageLink-NavLink]"  # our navigation: st.page_link in ui/frame.py
TIMEOUT_MS = 20_000  # any single wait: a rerun this slow is a failure in itself

# Runs in every page before Streamlit's own scripts. A run is counted when the server's
# ``script_finished`` message arrives (ForwardMsg field 6; status 2, "stopped early for a rerun",
# is not a finished run): the stApp state attribute alone misses fast runs, whose "running" and
# "notRunning" React renders in one go. It also notes the times (performance.now() ms) of the
# last finished run, the last change inside a chart and the last keydown, for ``bench``. A chart
# changes when the DOM inside it does (Vega's SVG renderer) or when something draws on a canvas
# inside it (Vega's canvas renderer, which Streamlit picks for charts with many points: pixels, no
# DOM change): ``clearRect`` starts and ``restore`` ends each of Vega's canvas renders.
OBSERVER_JS = """
window.__runs = 0; window.__runDone = 0; window.__chartChanged = 0; window.__keyAt = 0;
document.addEventListener('keydown', () => { window.__keyAt = performance.now(); }, true);
const scriptFinished = (buf) => {  // the top-level varint field 6 of a ForwardMsg, or -1
  let i = 0;
  const varint = () => { let v = 0, k = 1, b; do { b = buf[i++]; v += (b & 127) * k; k *= 128; } while (b & 128); return v; };
  while (i < buf.length) {
    const key = varint(), field = Math.floor(key / 8), wire = key % 8;
    if (wire === 0) { const v = varint(); if (field === 6) return v; }
    else if (wire === 2) { const length = varint(); i += length; }  // not i += varint(): i is read first
    else if (wire === 1) { i += 8; } else if (wire === 5) { i += 4; } else { return -1; }
  }
  return -1;
};
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (event) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const status = scriptFinished(new Uint8Array(event.data));
      if (status >= 0 && status !== 2) { window.__runs += 1; window.__runDone = performance.now(); }
    });
  }
};
new MutationObserver((records) => {
  for (const r of records) {
    const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    if (el && el.closest('[data-testid=stVegaLiteChart]')) { window.__chartChanged = performance.now(); break; }
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
const inChart = (canvas) => {  // cached once the canvas is in the page
  if (canvas.__inChart === undefined && canvas.isConnected) {
    canvas.__inChart = Boolean(canvas.closest('[data-testid=stVegaLiteChart]'));
  }
  return canvas.__inChart === true;
};
window.__canvasDraws = 0;
for (const name of ['clearRect', 'restore', 'drawImage']) {
  const native = CanvasRenderingContext2D.prototype[name];
  CanvasRenderingContext2D.prototype[name] = function (...args) {
    if (this.canvas && inChart(this.canvas)) { window.__chartChanged = performance.now(); window.__canvasDraws += 1; }
    return native.apply(this, args);
  };
}
"""
CHART_MARKUP_JS = (
    "[...document.querySelectorAll('[data-testid=stVegaLiteChart] > .marks')]"
    ".map(m => m.tagName === 'CANVAS' ? m.toDataURL() : m.outerHTML)"
)
NEXT_FRAME_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when Chromium is installed."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return None
    return f"Chromium not found at {CHROMIUM}: {INSTALL_HINT}"


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def new_page(browser: Browser) -> Page:
    """A fresh context (no shared state) with the run observer installed."""
    context = browser.new_context(viewport={"width": 1600, "height": 1200}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(OBSERVER_JS)
    return context.new_page()


# --- waiting ---------------------------------------------------------------------------------


def runs(page: Page) -> int:
    return page.evaluate("window.__runs")


def wait_for_app(page: Page) -> None:
    """The script has run at least once and is idle, and every chart on the page is drawn."""
    wait_for_rerun(page, 0)


LOADING = "[data-testid=stSkeleton]"  # an element whose code Streamlit is still fetching


def wait_for_rerun(page: Page, runs_before: int) -> None:
    """Wait until a run that started after ``runs_before`` has finished and been drawn: no
    element still a placeholder (on a page's first visit Streamlit fetches each kind of element's
    code when it is first drawn, and shows a skeleton meanwhile), every chart drawn."""
    page.wait_for_function(f"window.__runs > {runs_before}")
    page.locator(READY).wait_for()
    page.evaluate(NEXT_FRAME_JS)  # the finished run's last messages are rendered by then
    page.wait_for_function(f"!document.querySelector('{LOADING}')")
    wait_for_charts(page)


def wait_for_charts(page: Page) -> None:
    """Every chart on the page is drawn (Vega's SVG, or its canvas for big data); an exception
    element ends the wait as a failure."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stException]') || "
        "[...document.querySelectorAll('[data-testid=stVegaLiteChart]')].every(c => c.querySelector(':scope > .marks'))"
    )
    shown = page.locator("[data-testid=stException]")
    if shown.count():
        raise AssertionError(f"the app shows an exception: {shown.first.inner_text()[:500]}")


def goto(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


# --- get_*: visible locators -----------------------------------------------------------------


def get_slider(page: Page, key: str) -> Locator:
    """The range input of the slider or select slider whose widget key is ``key``."""
    slider = page.locator(f".st-key-{key} [data-testid=stSlider] input[type=range]")
    slider.wait_for(state="attached")
    return slider


def get_slider_text(page: Page, key: str) -> str:
    return get_slider(page, key).get_attribute("aria-valuetext") or ""


def get_charts(page: Page) -> Locator:
    charts = page.locator(CHART)
    charts.first.wait_for()
    return charts


def get_chart_markup(page: Page) -> list[str]:
    """What each chart draws: its SVG markup, or its canvas's pixels as a data URL."""
    get_charts(page)
    return page.evaluate(f"() => {CHART_MARKUP_JS}")


def wait_for_new_charts(page: Page, before: list[str]) -> list[str]:
    """Wait until some chart draws something other than ``before``; what the charts draw now."""
    page.wait_for_function(f"(old) => {CHART_MARKUP_JS}.some((drawn, i) => drawn !== old[i])", arg=before)
    return get_chart_markup(page)


def get_exceptions(page: Page) -> Locator:
    return page.locator("[data-testid=stException]")


def get_error(page: Page) -> Locator:
    error = page.locator("[data-testid=stAlertContentError]")
    error.first.wait_for()
    return error


def get_metrics(page: Page) -> list[str]:
    metrics = page.locator("[data-testid=stMetric]")
    metrics.first.wait_for()
    return metrics.all_inner_texts()


# --- click_* / move_* / upload_*: act, then wait for the rerun -------------------------------


def move_slider(page: Page, key: str, press: str = "ArrowRight") -> None:
    """Focus the slider keyed ``key``, press a key, wait for the rerun."""
    slider = get_slider(page, key)
    before = runs(page)
    slider.focus()
    page.keyboard.press(press)
    wait_for_rerun(page, before)


def click_option(page: Page, key: str, option: str) -> None:
    """Choose ``option`` (its shown text) in the selectbox keyed ``key``, wait for the rerun."""
    before = runs(page)
    page.locator(f".st-key-{key} [data-testid=stSelectbox]").click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_rerun(page, before)


def click_download(page: Page, label: str) -> bytes:
    """The bytes of the download button labelled ``label`` (a download does not rerun)."""
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def upload_file(page: Page, name: str, data: bytes, mime: str = "text/csv") -> None:
    """Give the file uploader a file, wait for the rerun."""
    before = runs(page)
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    wait_for_rerun(page, before)


def get_nav_links(page: Page) -> dict[str, str]:
    """Our navigation in the sidebar: each page's title and the absolute URL of its link."""
    links = page.locator(NAV_LINK)
    links.first.wait_for()
    label = "a.querySelector('[data-testid=stMarkdownContainer]').innerText.trim()"  # not the icon's name
    return dict(links.evaluate_all(f"links => links.map(a => [{label}, a.href])"))


def get_page_titles(page: Page) -> list[str]:
    """Titles of the pages our navigation lists, in order."""
    return list(get_nav_links(page))


def get_builtin_nav(page: Page) -> Locator:
    """Streamlit's own page list (hidden by config: it would list every file of ``pages/``)."""
    return page.locator("[data-testid=stSidebarNav], [data-testid=stSidebarNavLink]")


def click_page(page: Page, title: str) -> None:
    """Open the page titled ``title`` from our navigation, wait for its run."""
    link = page.locator(NAV_LINK).filter(has=page.get_by_text(title, exact=True))
    if urlsplit(link.evaluate("a => a.href")).path == urlsplit(page.url).path:
        return  # already there: a click would not rerun
    before = runs(page)
    link.click()
    wait_for_rerun(page, before)

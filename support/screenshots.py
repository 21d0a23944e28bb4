"""Screenshots of every page at a desktop and a phone width, for the README and for a person to
look at: ``python -m support.screenshots [OUT_DIR]`` (default docs/screenshots).

Starts the app as ``make run`` does (``support.server``), opens each page in Debian's Chromium
(``support.browser``) and saves ``<page>_<width>.png``: the first screen of the page at 1440 px
and 390 px wide, plus a ``_full`` capture of the whole page (git-ignored, for checking by eye).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from support.browser import NEXT_FRAME_JS, OBSERVER_JS, TIMEOUT_MS, goto, launch_chromium, wait_for_charts
from support.server import ARTIFACTS, ROOT, streamlit_server
from ui.frame import PAGES

WIDTHS = {1440: 900, 390: 844}  # width -> height of the first screen (a laptop, an iPhone 14)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    full = ARTIFACTS / "screenshots"
    full.mkdir(parents=True, exist_ok=True)
    with streamlit_server("app.py", ARTIFACTS / "screenshots.log") as server, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            context.set_default_timeout(TIMEOUT_MS * 3)
            context.add_init_script(OBSERVER_JS)
            page = context.new_page()
            for entry in PAGES:
                name = entry.url_path or "explorer"
                goto(page, f"{server.url}/{entry.url_path}")
                page.locator("[data-testid=stSkeleton]").first.wait_for(state="detached")
                shot = out / f"{name}_{width}.png"
                page.screenshot(path=shot)
                Image.open(shot).convert("RGB").quantize(colors=96).save(shot, optimize=True)  # small for git
                # Streamlit scrolls its main block, not the document: a tall window shows it all
                tall = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
                page.set_viewport_size({"width": width, "height": min(tall + 40, 12_000)})
                page.evaluate(NEXT_FRAME_JS)
                wait_for_charts(page)
                page.screenshot(path=full / f"{name}_{width}_full.png")
                page.set_viewport_size({"width": width, "height": height})
                print(out / f"{name}_{width}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")

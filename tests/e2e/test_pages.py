"""Every page of the app in a real browser: from our navigation, and as the very first request of
a freshly started server (``streamlit run app.py``, as the README starts it)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support.browser import (
    click_page,
    get_builtin_nav,
    get_exceptions,
    get_nav_links,
    get_page_titles,
    get_slider_text,
    goto,
    new_page,
)
from support.server import ARTIFACTS, streamlit_server
from ui.frame import APP_TITLE, PAGES
from ui.tokens import URL_FIELDS

pytestmark = pytest.mark.e2e
TITLES = [entry.title for entry in PAGES]
# Set in the page before Streamlit's own scripts: did Streamlit's built-in page list (which lists
# every file of pages/) or a "Page not found" box show at any moment while the page loaded?
SEEN_JS = """
window.__builtinNav = false; window.__notFound = false;
new MutationObserver(() => {
  if (document.querySelector('[data-testid=stSidebarNav], [data-testid=stSidebarNavLink]')) window.__builtinNav = true;
  if (document.body && document.body.innerText.includes('Page not found')) window.__notFound = true;
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def test_our_navigation_lists_every_page_in_order_with_the_links_streamlit_serves(page, server):
    links = get_nav_links(page)
    assert list(links) == TITLES
    assert [link.removeprefix(server.url + "/") for link in links.values()] == [e.url_path for e in PAGES]
    assert get_builtin_nav(page).count() == 0


def test_every_page_loads_from_our_navigation_with_its_frame_and_no_exception(page):
    failures = {}
    for title in get_page_titles(page):
        try:
            click_page(page, title)  # fails on an exception element
        except AssertionError as err:
            failures[title] = str(err)
            continue
        if page.title() != f"{title} · {APP_TITLE}" or not page.locator("h1").count():
            failures[title] = f"tab {page.title()!r}, {page.locator('h1').count()} titles drawn"
        if [get_slider_text(page, key) == "" for key in URL_FIELDS] != [False] * len(URL_FIELDS):
            failures[title] = "the frame's sliders are missing"
    assert get_exceptions(page).count() == 0  # the first page, or the last one visited
    assert failures == {}


CASES = [pytest.param(entry.url_path, entry.title, {}, id=entry.url_path or "root") for entry in PAGES] + [
    pytest.param(
        PAGES[1].url_path + "?preset=klarna&queries_per_day=50000&labeled_examples=20000",
        PAGES[1].title,
        {"queries_per_day": "50k/day", "labeled_examples": "20k"},
        id="with-link-values",
    )
]


@pytest.mark.parametrize(("path", "title", "sliders"), CASES)
def test_a_deep_link_is_right_as_the_first_request_of_a_fresh_server(browser, path, title, sliders):
    with streamlit_server("app.py", ARTIFACTS / "streamlit-fresh.log") as fresh:
        first = new_page(browser)
        first.context.add_init_script(SEEN_JS)
        try:
            goto(first, f"{fresh.url}/{path}")  # the server's first request; fails on an exception
            expect(first).to_have_title(f"{title} · {APP_TITLE}")
            expect(first.locator("h1").first).to_be_visible()
            assert get_page_titles(first) == TITLES  # our navigation, no helper module
            for key in URL_FIELDS:  # the frame with its sliders
                expect(first.locator(f".st-key-{key} [data-testid=stSlider]")).to_be_visible()
            for key, text in sliders.items():
                assert get_slider_text(first, key) == text
                expect(first).to_have_url(
                    re.compile(rf"[?&]{key}={re.escape(text).replace('/', '%2F')}(&|$)")
                )
            assert first.evaluate("[window.__builtinNav, window.__notFound]") == [False, False]
            assert get_exceptions(first).count() == 0
        finally:
            first.context.close()

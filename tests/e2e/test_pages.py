"""Every page of the app, opened from the sidebar in a real browser, loads with no exception."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import (
    ARTIFACTS,
    click_page,
    get_exceptions,
    get_page_titles,
    goto,
    new_page,
    streamlit_server,
)

pytestmark = pytest.mark.e2e


def test_every_page_loads_with_no_exception_element(page):
    failures = {}
    for title in get_page_titles(page):
        try:
            click_page(page, title)  # fails on an exception element
        except AssertionError as err:
            failures[title] = str(err)
            continue
        if not page.locator("h1").count():
            failures[title] = "no title drawn"
    assert get_exceptions(page).count() == 0  # the first page, or the last one visited
    assert failures == {}


def test_a_link_to_any_page_opens_it_with_no_exception_element(page, browser):
    hrefs = page.locator("[data-testid=stSidebarNavLink]").evaluate_all("links => links.map(a => a.href)")
    failures = {}
    for href in hrefs:
        other = new_page(browser)  # someone opening a shared deep link
        try:
            goto(other, href)  # fails on an exception element
            if not other.locator("h1").count():
                failures[href] = "no title drawn"
        except AssertionError as err:
            failures[href] = str(err)
        finally:
            other.context.close()
    assert failures == {}


def test_the_first_visitor_of_a_fresh_server_can_open_a_deep_link(page, browser):
    link = page.locator("[data-testid=stSidebarNavLink]").nth(1)  # the first page after the default
    title, path = (
        link.locator("span[label]").get_attribute("label"),
        urlsplit(link.get_attribute("href")).path,
    )
    with streamlit_server("app.py", ARTIFACTS / "streamlit-fresh.log") as fresh:
        first = new_page(browser)
        try:
            goto(first, fresh.url + path)
            expect(first.locator("h1").first).to_have_text(title)
        finally:
            first.context.close()

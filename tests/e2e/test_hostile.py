"""User text in a real browser: a link's or a file's text is shown literally, never as a live link,
an image, HTML or markup, and never makes the browser fetch anything beyond the app's server."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from support.browser import get_exceptions, goto, upload_file

pytestmark = pytest.mark.e2e

EVIL = "http://evil.example/pixel.png"
MARKUP = {
    "link": f"[Session expired: sign in]({EVIL})",
    "image": f"![]({EVIL})",
    "html": f'<img src="{EVIL}"><a href="{EVIL}">x</a>',
    "autolink": "www.evil.example/login",
    "directive": ":red[alarm] :material/warning: **bold** `code`",
}
ALERT = "[data-testid=stAlert]"


def outside_requests(page: Page) -> list[str]:
    """Start recording every request the page makes to a host other than the app's own."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    return seen


def expect_literal(page: Page, text: str) -> None:
    alerts = page.locator(ALERT)
    expect(alerts.first).to_be_visible()
    assert alerts.locator("a, img, code, strong, em").count() == 0
    assert any(text in shown.replace("\u200b", "") for shown in alerts.all_inner_texts())


@pytest.mark.parametrize("kind", list(MARKUP))
def test_markup_in_a_link_parameter_is_shown_as_plain_text(page, server, kind):
    seen = outside_requests(page)
    goto(page, f"{server.url}/?preset={quote(MARKUP[kind])}")
    expect_literal(page, MARKUP[kind][:40])
    assert seen == [] and get_exceptions(page).count() == 0


def test_markup_in_an_uploaded_files_key_is_shown_as_plain_text(page):
    seen = outside_requests(page)
    upload_file(page, "evil.toml", f'[workload]\n"{MARKUP["image"]}" = 1\n'.encode(), "application/toml")
    expect_literal(page, MARKUP["image"][:20])  # core cuts a quoted key to 40 characters
    assert seen == [] and get_exceptions(page).count() == 0


def test_markup_in_an_uploaded_csv_cell_is_shown_as_plain_text(page):
    seen = outside_requests(page)
    upload_file(page, "evil.csv", f"queries_per_day\n{MARKUP['link']}\n".encode())
    expect(page.locator(ALERT).first).to_be_visible()
    assert page.locator(ALERT).locator("a, img").count() == 0
    assert seen == [] and get_exceptions(page).count() == 0


def test_a_huge_link_parameter_gives_a_short_message(page, server):
    goto(page, f"{server.url}/?preset={'x' * 20_000}")
    text = page.locator(ALERT).first.inner_text()
    assert len(text) < 500 and get_exceptions(page).count() == 0

"""The honest verdict in a real browser: a link whose latency budget no strategy meets."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support.browser import get_exceptions, get_metrics, goto

pytestmark = pytest.mark.e2e


def test_a_100_ms_budget_link_says_no_strategy_meets_every_constraint_and_names_the_change(page, server):
    goto(page, f"{server.url}/?latency_budget_ms=100")
    warning = page.locator("[data-testid=stAlertContentWarning]").filter(has_text="No strategy meets")
    expect(warning).to_contain_text("raise the latency budget to 1,143 ms")
    assert get_metrics(page)[0].splitlines()[-1] == "None"
    expect(get_exceptions(page)).to_have_count(0)

"""Browser-test fixtures: one Streamlit server and one Chromium per session, a page per test.

Without Chromium the browser tests are skipped on a person's machine (the summary says how to
install it and lists them) but fail in CI (env var CI set): there, a browser test that could not
run is a failure, never a skip. A failing test leaves a screenshot and the server log in
tests/e2e/artifacts/ and prints the log's tail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from support import browser as harness
from support import server as serving

ARTIFACTS = serving.ARTIFACTS
IN_CI = bool(os.environ.get("CI"))
MISSING = harness.chromium_missing()
_skipped: list[str] = []
_current: dict[str, object] = {}  # the session's server and the running test's page, for evidence


@pytest.hookimpl(trylast=True)  # after -k/-m deselection, so the list names what was really skipped
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("e2e") is None:
            continue
        if MISSING and not IN_CI:
            item.add_marker(pytest.mark.skip(reason=MISSING))
            _skipped.append(item.nodeid)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    report = yield
    if item.get_closest_marker("e2e") is None:
        return report
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"  # no silent skip in CI
        report.longrepr = f"browser test could not run in CI (CI is set): {report.longrepr}"
    if report.failed:
        _keep_evidence(item, report)
    return report


def _keep_evidence(item: pytest.Item, report: pytest.TestReport) -> None:
    page = _current.get("page")
    if isinstance(page, Page) and not page.is_closed():
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / (re.sub(r"[^\w.-]+", "_", item.nodeid) + ".png")
        try:
            page.screenshot(path=shot, full_page=True)
            report.sections.append(("screenshot", str(shot)))
        except Exception as err:  # the evidence must never hide the failure itself
            report.sections.append(("screenshot", f"not taken: {err}"))
    server = _current.get("server")
    if isinstance(server, serving.Server):
        report.sections.append((f"streamlit log (tail of {server.log})", server.log_tail()))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _skipped:
        terminalreporter.write_sep("-", "browser tests skipped")
        terminalreporter.write_line(f"{MISSING}. Skipped {len(_skipped)} browser tests:")
        for nodeid in _skipped:
            terminalreporter.write_line(f"  {nodeid}")
        return
    outcomes: dict[str, set[str]] = {}
    for key in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(key, []):
            if "tests/e2e/" in getattr(report, "nodeid", ""):
                outcomes.setdefault(report.nodeid, set()).add(report.outcome)
    if outcomes:
        passed = sum(found == {"passed"} for found in outcomes.values())
        terminalreporter.write_line(f"e2e: {passed} of {len(outcomes)} browser tests passed in Chromium")


@pytest.fixture(scope="session")
def server() -> Iterator[serving.Server]:
    """``streamlit run app.py`` on a free loopback port for the whole session."""
    for stale in ARTIFACTS.glob("*.png"):  # screenshots of an earlier session's failures
        stale.unlink()
    with serving.streamlit_server("app.py", ARTIFACTS / "streamlit.log") as running:
        _current["server"] = running
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if MISSING:
        pytest.fail(f"{MISSING} (CI is set, so browser tests must run)")
    with sync_playwright() as playwright:
        chromium = harness.launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, server: serving.Server) -> Iterator[Page]:
    """A fresh browser context on the app's first page, loaded and idle."""
    page = _current["page"] = harness.new_page(browser)
    harness.goto(page, server.url)
    yield page
    page.context.close()

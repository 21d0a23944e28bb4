"""Server rerun after a slider change, per page, from a real server, as a ratio to the floor script.

Two ``streamlit run`` servers, started as ``make run`` starts the app (``support.server``: from the
repository root, so both read the same ``.streamlit/config.toml``): one for ``app.py`` and its
pages, one for ``bench/floor_app.py``. One ``bench.sessions.Session`` per page (Streamlit's own
protocol over a WebSocket, as a browser tab speaks it) moves the ``queries_per_day`` slider one
option and times its ``rerun_script`` to the run's ``script_finished``; the server's CPU for that
rerun is utime + stime from ``/proc``. Reruns are interleaved (floor, Explorer, each page, floor,
...) in ROUNDS rounds, so that a noisy moment on this 2-core machine hits them all alike; the
spread is the range of the rounds' medians.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import statistics
import tomllib
from dataclasses import dataclass, field

from bench.sessions import Session
from bench.timing import Row, Usage, ms, spread
from support import server as serving
from ui.frame import PAGES

ROUNDS = 3
RERUNS = 8  # per page per round
WARMUP = 2  # untimed reruns per page first: caches, first imports
KEY = "queries_per_day"  # a slider on every page (the shared frame) and in the floor script
FLOOR = "bench/floor_app.py"
FLOOR_TITLE = "floor (one slider, one chart)"
EXPLORER_TARGET = 3.0  # x floor
CONFIG = serving.ROOT / ".streamlit" / "config.toml"
FLOOR_SAYS = re.compile(r"^floor: runner\.postScriptGC=(\w+)$", re.M)  # what bench/floor_app.py prints


@dataclass
class _Page:
    """One page's session and what its reruns measured: wall and server CPU seconds, per round."""

    title: str
    session: Session
    usage: Usage
    walls: list[list[float]] = field(default_factory=lambda: [[] for _ in range(ROUNDS)])
    cpus: list[float] = field(default_factory=list)

    async def once(self, ws, round_: int | None) -> None:
        cpu = self.usage.cpu_s()
        wall = await self.session.move(ws)
        if round_ is not None:
            self.walls[round_].append(wall)
            self.cpus.append(self.usage.cpu_s() - cpu)


async def _measure(pages: list[_Page]) -> None:
    async with contextlib.AsyncExitStack() as stack:
        sockets = [await stack.enter_async_context(page.session.connect()) for page in pages]
        for page, ws in zip(pages, sockets, strict=True):
            await page.session.first_run(ws)
            if page.session.exceptions:
                raise RuntimeError(f"{page.title}: the page shows an exception")
        for round_ in [None] * WARMUP + [r for r in range(ROUNDS) for _ in range(RERUNS)]:
            for page, ws in zip(pages, sockets, strict=True):
                await page.once(ws, round_)


def configured_gc() -> bool:
    """``runner.postScriptGC`` as ``.streamlit/config.toml`` sets it (Streamlit's default: true)."""
    return tomllib.loads(CONFIG.read_text()).get("runner", {}).get("postScriptGC", True)


def page_reruns() -> list[Row]:
    logs = serving.ROOT / ".bench"  # the servers' logs (git-ignored)
    with (
        serving.streamlit_server("app.py", logs / "rerun-app.log") as app,
        serving.streamlit_server(FLOOR, logs / "rerun-floor.log") as floor,
    ):
        app_usage, floor_usage = Usage([app.process.pid]), Usage([floor.process.pid])
        pages = [_Page(FLOOR_TITLE, Session(floor.url), floor_usage)]
        pages += [_Page(e.title, Session(app.url, page_name=e.url_path), app_usage) for e in PAGES]
        asyncio.run(_measure(pages))
        floor_log = floor.log.read_text(encoding="utf-8", errors="replace")
    wrong = [p.title for p in pages[1:] if not p.session.title.startswith(p.title)]
    if wrong:  # a page name the server did not resolve runs the main script instead
        raise RuntimeError(f"these sessions ran another page: {', '.join(wrong)}")
    said = FLOOR_SAYS.findall(floor_log)
    same = said and said[-1] == str(configured_gc())
    settings = (
        f"same .streamlit/config.toml (the floor says runner.postScriptGC={said[-1]})"
        if same
        else f"SETTINGS DIFFER: config says postScriptGC={configured_gc()}, the floor {said or 'nothing'}"
    )
    floor = pages[0]
    floor_rounds = [statistics.median(r) for r in floor.walls]
    rows = [
        Row(f"server rerun: {FLOOR_TITLE}", ms(_median(floor)), "-",
            f"real server, WebSocket: slider -> script_finished; median of {ROUNDS}x{RERUNS}, rounds "
            f"{spread([s * 1000 for s in floor_rounds], unit=' ms')}; CPU {ms(statistics.mean(floor.cpus))}/rerun; {settings}"),
    ]  # fmt: skip
    for page in pages[1:]:
        rounds = [statistics.median(r) for r in page.walls]
        ratios = [a / b for a, b in zip(rounds, floor_rounds, strict=True)]
        ratio = _median(page) / _median(floor)
        target = "-"
        if page.title == PAGES[0].title:
            met = "met" if ratio <= EXPLORER_TARGET else "missed"
            target = f"<= {EXPLORER_TARGET:g}x floor ({met})"
        rows.append(
            Row(f"server rerun: {page.title}", ms(_median(page)), target,
                f"{ratio:.2f}x floor (rounds {spread(ratios, '{:.2f}', 'x')}); rounds "
                f"{spread([s * 1000 for s in rounds], unit=' ms')}; CPU {ms(statistics.mean(page.cpus))}/rerun")
        )  # fmt: skip
    return rows


def _median(page: _Page) -> float:
    return statistics.median([t for r in page.walls for t in r])

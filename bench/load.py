"""Load and scale: keypress to charts redrawn in Chromium while N other sessions move sliders, and
reruns/s with one and two app processes behind HAProxy. Loopback only, bounded in count and time.

The N busy sessions are ``bench.sessions.Session``: Streamlit's own protocol over a WebSocket
each, closed-loop (move the slider, wait for the run, pause 100-200 ms, move again). They run on
an asyncio loop in a thread of this process while the main thread drives Chromium, so the client
side competes with the server for this machine's cores, as it would with real tabs on one box.
Server CPU is utime + stime from ``/proc/PID/stat`` over the measured window, RSS is ``VmRSS``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import keypress_ms
from bench.sessions import Session, sticky_cookie
from bench.timing import Row, Usage
from support import browser as harness
from support import replicas as deploy
from support import server as serving

SESSIONS = (1, 5, 10, 20)  # busy sessions beside the measuring browser tab
KEYPRESSES = 10  # per N
STEP_DEADLINE_S = 60.0  # per N: no keypress starts after this
WARMUP_S = 2.0  # after the sessions start moving, before measuring
TARGET_SESSIONS, TARGET_P95_MS = 10, 1000
SCALE_PROCESSES = (1, 2)
SCALE_SESSIONS = 20
SCALE_WINDOW_S = 15.0
CONNECT_TIMEOUT_S = 120.0
CORES = len(os.sched_getaffinity(0))  # every session connected and through its first run


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


class Pool:
    """Sessions on an asyncio loop in a thread; the main thread adds, starts and stops them."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="load-sessions", daemon=True)
        self.thread.start()
        self.sessions: list[Session] = []
        self._active: list[asyncio.Event] = []
        self._tasks: list[asyncio.Future] = []
        self._stop = self._call(asyncio.Event)

    def _call(self, fn: Callable, *args):
        async def run():
            return fn(*args)

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout=10)

    def grow(self, count: int, url: str, cookie: Callable[[], str] = lambda: "") -> None:
        """Connect sessions until there are ``count``; return when each has run once."""
        new = [Session(url, cookie=cookie()) for _ in range(count - len(self.sessions))]
        readies = []
        for session in new:
            active, ready = self._call(asyncio.Event), self._call(asyncio.Event)
            coro = session.run(active, self._stop, ready)
            self._tasks.append(asyncio.run_coroutine_threadsafe(coro, self.loop))
            self.sessions.append(session)
            self._active.append(active)
            readies.append(ready)
        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        for ready in readies:
            left = max(0.1, deadline - time.monotonic())
            asyncio.run_coroutine_threadsafe(asyncio.wait_for(ready.wait(), left), self.loop).result()
        if errors := self.errors():
            raise RuntimeError(f"{len(errors)} session(s) failed: {errors[0]}")

    def activate(self, count: int) -> None:
        """The first ``count`` sessions move their sliders; the rest idle, connected."""
        for i, event in enumerate(self._active):
            self.loop.call_soon_threadsafe(event.set if i < count else event.clear)

    def errors(self) -> list[str]:
        return [e for s in self.sessions for e in s.errors]

    def runs_between(self, start: float, end: float) -> list[float]:
        return [d for s in self.sessions for d in s.runs_between(start, end)]

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self._stop.set)
        for task in self._tasks:
            with contextlib.suppress(Exception):
                task.result(timeout=70)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


def machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy (every process, every core), from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / Usage.TICK  # user .. steal; guest time is inside user


def _window(pool: Pool, usage: Usage, measure: Callable[[], int]) -> dict:
    """Run ``measure`` (it returns the runs it caused itself) and what the server did meanwhile."""
    cpu0, busy0, t0 = usage.cpu_s(), machine_busy_s(), time.perf_counter()
    own_runs = measure()
    cpu1, busy1, t1 = usage.cpu_s(), machine_busy_s(), time.perf_counter()
    durations = pool.runs_between(t0, t1)
    seconds = t1 - t0
    return {
        "seconds": seconds,
        "reruns_per_s": (len(durations) + own_runs) / seconds,
        "cpu": (cpu1 - cpu0) / seconds,  # cores busy on average
        "machine": (busy1 - busy0) / seconds,  # the same for the whole machine (clients, others)
        "rss": usage.rss_mib(),
        "session_median_ms": statistics.median(durations) * 1000 if durations else float("nan"),
    }


def _sessions_rows() -> list[Row]:
    """One process (``support.server``), one Chromium tab, N busy sessions."""
    rows: list[Row] = []
    logs = serving.ROOT / ".bench"
    with contextlib.ExitStack() as stack:
        app = stack.enter_context(serving.streamlit_server("app.py", logs / "load-app.log"))
        playwright = stack.enter_context(sync_playwright())
        browser = harness.launch_chromium(playwright)
        stack.callback(browser.close)
        pool = Pool()
        stack.callback(pool.close)
        usage = Usage([app.process.pid])
        page = harness.new_page(browser)
        harness.goto(page, app.url)
        for n in SESSIONS:
            pool.grow(n, app.url)
            pool.activate(n)
            time.sleep(WARMUP_S)  # let the sessions reach their steady pace before measuring
            times: list[float] = []

            def measure(times=times) -> int:
                before, deadline = harness.runs(page), time.monotonic() + STEP_DEADLINE_S
                while len(times) < KEYPRESSES and time.monotonic() < deadline:
                    times.append(keypress_ms(page, "ArrowRight" if len(times) % 2 == 0 else "ArrowLeft"))
                return harness.runs(page) - before

            seen = _window(pool, usage, measure)
            pool.activate(0)
            rows += _session_rows(n, times, seen, pool)
    return rows


def _session_rows(n: int, times: list[float], seen: dict, pool: Pool) -> list[Row]:
    median, high = statistics.median(times), p95(times)
    target, verdict = "-", ""
    if n == TARGET_SESSIONS:
        target = f"p95 < {TARGET_P95_MS:,} ms"
        verdict = "met" if high < TARGET_P95_MS else "missed"
        verdict = f" ({verdict})"
    label, verb = (f"{n} sessions", "move") if n > 1 else ("1 session", "moves")
    exceptions = sum(s.exceptions for s in pool.sessions)
    return [
        Row(f"load, {label}: keypress to charts redrawn", f"{median:,.0f} ms", target,
            f"p95 {high:,.0f} ms{verdict}; {len(times)} keypresses in Chromium while {label} {verb} the slider"),
        Row(f"load, {label}: server", f"{seen['reruns_per_s']:.1f} reruns/s", "-",
            f"CPU {seen['cpu']:.0%} of a core (machine {seen['machine']:.1f} of {CORES} cores busy), "
            f"RSS {seen['rss']:,.0f} MiB; a session's rerun "
            f"{seen['session_median_ms']:,.0f} ms (median); {exceptions} exceptions"),
    ]  # fmt: skip


def _scale_rows() -> list[Row]:
    """reruns/s of SCALE_SESSIONS busy sessions through HAProxy, with 1 and 2 app processes."""
    if deploy.haproxy_binary() is None:
        return [Row("load behind HAProxy", "not measured", "", f"HAProxy not found: {deploy.INSTALL_HINT}")]
    results = {}
    for count in SCALE_PROCESSES:
        ports = [serving.free_port() for _ in range(count)]
        with contextlib.ExitStack() as stack:
            running = stack.enter_context(
                deploy.replicas(count, serving.free_port(), ports, serving.ROOT / ".bench" / "replicas")
            )
            pool = Pool()
            stack.callback(pool.close)
            pool.grow(SCALE_SESSIONS, running.url, cookie=lambda url=running.url: sticky_cookie(url))
            pool.activate(SCALE_SESSIONS)
            time.sleep(WARMUP_S)
            seen = _window(pool, Usage(running.pids()), lambda: time.sleep(SCALE_WINDOW_S) or 0)
            spread = {}
            for session in pool.sessions:
                spread[session.cookie] = spread.get(session.cookie, 0) + 1
            seen["spread"] = "/".join(str(v) for _, v in sorted(spread.items()))
            results[count] = seen
    rows = []
    for count, seen in results.items():
        ratio = f"{seen['reruns_per_s'] / results[1]['reruns_per_s']:.2f}x 1 process; " if count > 1 else ""
        rows.append(
            Row(f"load behind HAProxy: {count} process{'es' if count > 1 else ''}, {SCALE_SESSIONS} sessions",
                f"{seen['reruns_per_s']:.1f} reruns/s", "rising with processes" if count > 1 else "-",
                f"{ratio}sessions per process {seen['spread']}; CPU {seen['cpu']:.0%} of a core (machine "
                f"{seen['machine']:.1f} of {CORES} cores busy); a session's "
                f"rerun {seen['session_median_ms']:,.0f} ms (median); {SCALE_WINDOW_S:.0f} s window")
        )  # fmt: skip
    return rows


def load() -> list[Row]:
    if missing := harness.chromium_missing():
        rows = [Row("load: keypress to charts redrawn", "not measured", "", missing)]
    else:
        rows = _sessions_rows()
    try:
        rows += _scale_rows()
    except Exception as err:  # a benchmark reports, it never fails
        rows.append(Row("load behind HAProxy", "not measured", "", f"{type(err).__name__}: {err}"))
    return rows

"""Server memory: what each session costs, and whether 1,000 reruns grow the process.

One fresh ``streamlit run app.py`` (``support.server``: the app's own ``.streamlit/config.toml``,
so ``runner.postScriptGC = false`` as in production), loopback only. RSS is ``VmRSS`` of the
server process. Sessions are ``bench.sessions.Session`` (Streamlit's protocol over a WebSocket,
as a browser tab speaks it) on the Explorer:

- 1,000 reruns (first, on the fresh server): one session moves the slider back and forth RERUNS
  times, back to back; RSS every SAMPLE_EVERY reruns. The first SAMPLE_EVERY reruns fill the
  caches (each slider value once), so growth is read from there to the end, and over the second
  half alone. Bounded by DEADLINE_S.
- per session (then): RSS with one warmed-up session, then with SESSIONS sessions that have each run the
  page once (idle), then after each has moved the slider ACTIVE_MOVES times (active); the
  increment per added session is the difference over SESSIONS - 1.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from bench.sessions import Session
from bench.timing import Row, Usage
from support import server as serving

SESSIONS = 10
ACTIVE_MOVES = 5
WARMUP = 20
RERUNS = 1_000
SAMPLE_EVERY = 100
DEADLINE_S = 300.0  # the 1,000 reruns stop here if the machine is that slow
GROWTH_LIMIT_MIB = 10.0  # more than this over the second half reads as growth


async def _per_session(url: str, usage: Usage) -> dict[str, float]:
    sessions = [Session(url) for _ in range(SESSIONS)]
    async with contextlib.AsyncExitStack() as stack:
        sockets = [await stack.enter_async_context(s.connect()) for s in sessions]
        await sessions[0].first_run(sockets[0])
        for _ in range(WARMUP):
            await sessions[0].move(sockets[0])
        one = usage.rss_mib()
        for session, ws in zip(sessions[1:], sockets[1:], strict=True):
            await session.first_run(ws)
        idle = usage.rss_mib()
        for _ in range(ACTIVE_MOVES):
            await asyncio.gather(*(s.move(ws) for s, ws in zip(sessions, sockets, strict=True)))
        active = usage.rss_mib()
    return {"one": one, "idle": idle, "active": active}


async def _reruns(url: str, usage: Usage) -> list[tuple[int, float]]:
    """(reruns done, RSS MiB) every SAMPLE_EVERY reruns, from 0."""
    session = Session(url)
    samples = []
    deadline = time.monotonic() + DEADLINE_S
    async with session.connect() as ws:
        await session.first_run(ws)
        samples.append((0, usage.rss_mib()))
        for done in range(1, RERUNS + 1):
            await session.move(ws)
            if done % SAMPLE_EVERY == 0:
                samples.append((done, usage.rss_mib()))
            if time.monotonic() > deadline:
                break
    if session.exceptions:
        raise RuntimeError(f"the Explorer showed {session.exceptions} exceptions")
    return samples


def memory() -> list[Row]:
    logs = serving.ROOT / ".bench"
    with serving.streamlit_server("app.py", logs / "memory-app.log") as app:
        usage = Usage([app.process.pid])
        started = usage.rss_mib()
        start = time.perf_counter()
        samples = asyncio.run(_reruns(app.url, usage))  # first: no closed session is freed meanwhile
        seconds = time.perf_counter() - start
        seen = asyncio.run(_per_session(app.url, usage))
    added = SESSIONS - 1
    rows = [
        Row(f"server memory: {SESSIONS} idle sessions", f"{(seen['idle'] - seen['one']) / added:,.1f} MiB/session",
            "-", f"RSS {seen['one']:,.0f} MiB with 1 warmed-up session -> {seen['idle']:,.0f} MiB with "
            f"{SESSIONS} that ran the Explorer once (server {started:,.0f} MiB before any session, {samples[-1][1]:,.0f} after the reruns)"),
        Row(f"server memory: {SESSIONS} active sessions", f"{(seen['active'] - seen['one']) / added:,.1f} MiB/session",
            "-", f"RSS {seen['active']:,.0f} MiB after each moved the slider {ACTIVE_MOVES} times, all at once"),
    ]  # fmt: skip
    done = samples[-1][0]
    if done < 2 * SAMPLE_EVERY:
        return [
            *rows,
            Row("server memory: 1,000 reruns", "not measured", "", f"{done} reruns in {DEADLINE_S:.0f} s"),
        ]
    filled = dict(samples)[SAMPLE_EVERY]
    half = max((n, rss) for n, rss in samples if n <= done // 2)
    growth, late = samples[-1][1] - filled, samples[-1][1] - half[1]
    verdict = "met" if late <= GROWTH_LIMIT_MIB else "missed"
    trace = ", ".join(f"{rss:,.0f}" for _, rss in samples)
    rows.append(
        Row(f"server memory: {done:,} Explorer reruns", f"{growth:+,.1f} MiB", f"no growth, <= {GROWTH_LIMIT_MIB:g} MiB ({verdict})",
            f"RSS after {SAMPLE_EVERY} reruns (caches filled) -> after {done:,}; {late:+,.1f} MiB over reruns "
            f"{half[0]:,}-{done:,}; RSS every {SAMPLE_EVERY}: {trace} MiB; one session, back to back, "
            f"{seconds / done * 1000:,.0f} ms/rerun")
    )  # fmt: skip
    return rows

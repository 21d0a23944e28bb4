"""Cheap app sessions for the load benchmark: Streamlit's own protocol over one WebSocket each.

A ``Session`` does what a browser tab does, without drawing anything: it opens
``ws://HOST/_stcore/stream``, asks for the first run (a ``BackMsg`` whose ``rerun_script`` is a
``ClientState``), reads the select slider keyed ``KEY`` from the run's deltas (its widget id and
option labels; a plain slider's range), then moves it one option at a time: a ``rerun_script``
carrying the slider's new value in ``WidgetStates``, the page's current query string and page, and
the hashes of the elements it already holds (so the server sends those as references), as the
frontend sends them. A run counts when its ``script_finished`` arrives (status 2, "stopped early
for a rerun", does not). ``page_name`` opens another page than the main script, as its URL does.

Sessions are closed-loop: each waits for its rerun to finish, pauses ``PAUSE_S`` (a hand on a
slider), and moves again. Every wait is bounded by ``TIMEOUT_S``; every loop by a stop event.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from urllib.request import Request, urlopen

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

KEY = "queries_per_day"
PAUSE_S = (0.1, 0.2)  # between a finished run and the next move
TIMEOUT_S = 60.0  # one run, or the connection, slower than this ends the session
STOPPED_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
MAX_CACHED_AGE = 2  # Streamlit's global.maxCachedMessageAge default: runs a browser keeps an element


@dataclass
class Session:
    """One app session on ``url`` (``http://127.0.0.1:PORT``), optionally holding a cookie, on the
    page whose URL path is ``page_name`` ("" for the main script)."""

    url: str
    cookie: str = ""  # sent on the WebSocket upgrade, as a browser sends the load balancer's
    page_name: str = ""  # the page's URL path (ui.frame.PageEntry.url_path); "" is app.py
    title: str = ""  # the page title its last run set (st.set_page_config), to check the page
    widget_id: str = ""
    fragment_id: str = ""  # the fragment the slider is drawn in ("" for none): its reruns run it alone
    options: list[str] = field(default_factory=list)  # a select slider's labels
    numeric: tuple[float, float, float] = (0.0, 0.0, 0.0)  # a plain slider's min, max, step
    index: int = 0
    query_string: str = ""
    step: int = 1  # options per move; its sign flips at either end of the scale
    cached: dict[str, int] = field(default_factory=dict)  # element hash -> the run that last sent it
    runs: list[tuple[float, float]] = field(default_factory=list)  # (start, end), perf_counter s
    errors: list[str] = field(default_factory=list)
    exceptions: int = 0  # st.exception elements the app drew

    async def run(self, active: asyncio.Event, stop: asyncio.Event, ready: asyncio.Event) -> None:
        """Connect, run once (then set ``ready``), then move the slider while ``active`` is set,
        until ``stop`` is set or a wait times out."""
        try:
            async with self.connect() as ws:
                await self.first_run(ws)
                ready.set()
                while not stop.is_set():
                    if not active.is_set():
                        await _wait_any(active, stop)
                        continue
                    await self.move(ws)
                    await _wait_any(stop, timeout=random.uniform(*PAUSE_S))
        except Exception as err:  # a benchmark reports, it never fails
            self.errors.append(f"{type(err).__name__}: {err}")
        finally:
            ready.set()

    def connect(self):
        """The WebSocket a browser tab opens (an async context manager)."""
        ws_url = self.url.replace("http://", "ws://", 1) + "/_stcore/stream"
        headers = {"Cookie": self.cookie} if self.cookie else None
        return websockets.connect(
            ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None,
            open_timeout=TIMEOUT_S,
        )  # fmt: skip

    async def first_run(self, ws) -> None:
        """The page's first run; finds the slider keyed ``KEY``."""
        await self._rerun(ws, first=True)

    async def move(self, ws) -> float:
        """Move the slider ``step`` options (back at either end of its scale), wait for the run;
        its seconds from sending to ``script_finished``."""
        size = len(self.options) or int(round((self.numeric[1] - self.numeric[0]) / self.numeric[2])) + 1
        if not 0 <= self.index + self.step < size:
            self.step = -self.step  # sweep back and forth across the scale
        self.index += self.step
        await self._rerun(ws)
        start, end = self.runs[-1]
        return end - start

    async def _rerun(self, ws, first: bool = False) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = ""  # the server finds the page by its URL path
        state.page_name = self.page_name
        run = len(self.runs)  # the browser keeps an element MAX_CACHED_AGE runs after its last use
        self.cached = {h: seen for h, seen in self.cached.items() if run - seen < MAX_CACHED_AGE}
        state.cached_message_hashes.extend(sorted(self.cached))
        if not first:
            # as a browser does: a widget drawn inside a fragment reruns that fragment alone
            state.fragment_id = self.fragment_id
            widget = state.widget_states.widgets.add()
            widget.id = self.widget_id
            if self.options:  # a select slider sends its option's label
                widget.string_array_value.data.append(self.options[self.index])
            else:  # a plain slider sends its number
                widget.double_array_value.data.append(self.numeric[0] + self.index * self.numeric[2])
        start = time.perf_counter()
        await ws.send(msg.SerializeToString())
        deadline = start + TIMEOUT_S
        while True:
            data = await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.perf_counter()))
            if not isinstance(data, bytes):
                continue
            forward = ForwardMsg()
            forward.ParseFromString(data)
            if forward.metadata.cacheable:
                self.cached[forward.hash] = run
            elif forward.WhichOneof("type") == "ref_hash":
                self.cached[forward.ref_hash] = run
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    self.exceptions += 1
                elif first and element.WhichOneof("type") == "slider" and element.slider.id.endswith(KEY):
                    self._found(element.slider)
                    self.fragment_id = forward.delta.fragment_id  # "" outside a fragment
            elif kind == "page_config_changed" and forward.page_config_changed.title:
                self.title = forward.page_config_changed.title
            elif kind == "page_info_changed":
                self.query_string = forward.page_info_changed.query_string
            elif kind == "page_not_found":
                raise LookupError(f"no page {self.page_name!r}")
            elif kind == "script_finished" and forward.script_finished != STOPPED_EARLY:
                break
        if first and not self.widget_id:
            raise LookupError(f"no slider keyed {KEY!r} in the first run")
        if not first:
            self.runs.append((start, time.perf_counter()))

    def _found(self, slider) -> None:
        self.widget_id = slider.id
        self.options = list(slider.options)
        if self.options:  # select slider: its default is an option's index
            self.index = int(slider.default[0])
        else:
            self.numeric = (slider.min, slider.max, slider.step)
            self.index = int(round((slider.default[0] - slider.min) / slider.step))

    def runs_between(self, start: float, end: float) -> list[float]:
        """Durations (s) of the reruns that finished in [start, end)."""
        return [b - a for a, b in self.runs if start <= b < end]


async def _wait_any(*events: asyncio.Event, timeout: float | None = None) -> None:
    waits = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waits:
            w.cancel()


def sticky_cookie(url: str, name: str = "SERVERID") -> str:
    """The load balancer's affinity cookie for a new client of ``url`` ("" when none is set), as a
    browser gets it with the page before it opens the WebSocket."""
    with urlopen(Request(f"{url}/_stcore/health"), timeout=10) as reply:
        for header in reply.headers.get_all("Set-Cookie") or []:
            pair = header.split(";", 1)[0].strip()
            if pair.startswith(f"{name}="):
                return pair
    return ""

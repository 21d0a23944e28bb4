"""The benchmark's protocol client (bench.sessions.Session) sends what a browser tab sends: checked
against a fake WebSocket that answers with prepared server messages (no server, no timing)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.sessions import KEY, STOPPED_EARLY, Session


def run(coroutine) -> None:
    """Run ``coroutine`` on a thread of its own: in the whole suite the browser tests' Playwright
    leaves an event loop running on the main thread, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


class FakeSocket:
    """Records what the session sends; answers each send with the next prepared run."""

    def __init__(self, runs: list[list[ForwardMsg]]) -> None:
        self.runs = runs
        self.sent: list[BackMsg] = []
        self.queue: list[bytes] = []

    async def send(self, data: bytes) -> None:
        msg = BackMsg()
        msg.ParseFromString(data)
        self.sent.append(msg)
        self.queue += [m.SerializeToString() for m in self.runs[min(len(self.sent), len(self.runs)) - 1]]

    async def recv(self) -> bytes:
        return self.queue.pop(0)


def finished(status: int = ForwardMsg.FINISHED_SUCCESSFULLY) -> ForwardMsg:
    msg = ForwardMsg()
    msg.script_finished = status
    return msg


def select_slider(options: list[str], default: int) -> ForwardMsg:
    msg = ForwardMsg()
    slider = msg.delta.new_element.slider
    slider.id = f"$$ID-abc-{KEY}"
    slider.options.extend(options)
    slider.default.append(default)
    msg.hash = "slider-hash"
    msg.metadata.cacheable = True
    return msg


def plain_slider(lo: float, hi: float, step: float, default: float) -> ForwardMsg:
    msg = ForwardMsg()
    slider = msg.delta.new_element.slider
    slider.id = f"$$ID-def-{KEY}"
    slider.min, slider.max, slider.step = lo, hi, step
    slider.default.append(default)
    return msg


def titled(title: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.page_config_changed.title = title
    return msg


def test_a_select_slider_moves_one_option_on_its_page_with_the_elements_it_holds():
    first = [titled("Decision map"), select_slider(["1/day", "2/day", "5/day"], 1), finished()]
    ws = FakeSocket([first, [finished(STOPPED_EARLY), finished()]])
    session = Session("http://127.0.0.1:1", page_name="decision_map")

    async def go():
        await session.first_run(ws)
        await session.move(ws)

    run(go())
    opening, moved = ws.sent
    assert opening.rerun_script.page_name == "decision_map"
    assert not opening.rerun_script.widget_states.widgets
    widget = moved.rerun_script.widget_states.widgets[0]
    assert widget.id == f"$$ID-abc-{KEY}"
    assert list(widget.string_array_value.data) == ["5/day"]
    assert moved.rerun_script.page_name == "decision_map"
    assert list(moved.rerun_script.cached_message_hashes) == ["slider-hash"]
    assert session.title == "Decision map"
    assert len(session.runs) == 1  # the run stopped early for a rerun did not count


def test_a_plain_slider_sends_its_number_and_turns_back_at_the_end_of_its_scale():
    ws = FakeSocket([[plain_slider(10, 12, 1, 11), finished()], [finished()]])
    session = Session("http://127.0.0.1:1")

    async def go():
        await session.first_run(ws)
        for _ in range(3):
            await session.move(ws)

    run(go())
    values = [list(m.rerun_script.widget_states.widgets[0].double_array_value.data) for m in ws.sent[1:]]
    assert values == [[12.0], [11.0], [10.0]]


def test_a_slider_drawn_in_a_fragment_reruns_that_fragment_as_a_browser_does():
    inside = select_slider(["1/day", "2/day"], 0)
    inside.delta.fragment_id = "frag-1"
    runs = {"inside": [inside, finished()], "outside": [plain_slider(0, 10, 1, 5), finished()]}
    sent = {}
    for where, first in runs.items():
        ws = FakeSocket([first, [finished()]])
        session = Session("http://127.0.0.1:1")

        async def go(session=session, ws=ws):
            await session.first_run(ws)
            await session.move(ws)

        run(go())
        sent[where] = ws.sent[1].rerun_script.fragment_id
    assert sent == {"inside": "frag-1", "outside": ""}

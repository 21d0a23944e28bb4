"""A real Streamlit server for the browser tests and ``bench``, started as the README starts the app.

``streamlit run app.py`` from the repository root, its settings from ``.streamlit/config.toml``;
only the port is chosen here (a free one, through Streamlit's ``STREAMLIT_SERVER_PORT``
variable) so that several servers can run at once. Ready when ``/_stcore/health`` answers.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"  # screenshots and server logs (git-ignored)
ACCESS_LINE = re.compile(r'"(GET|POST|HEAD) /|"WebSocket /|connection (open|closed)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A ``streamlit run`` child process on a loopback port, its output in ``log``."""

    url: str
    log: Path
    process: subprocess.Popen

    def log_tail(self, lines: int = 60) -> str:
        """The log's last lines, without the per-request access lines that would bury an error."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        kept = [line for line in text.splitlines() if not ACCESS_LINE.search(line)]
        return "\n".join(kept[-lines:])


@contextlib.contextmanager
def streamlit_server(
    script: str, log: Path, timeout_s: float = 60, port: int | None = None
) -> Iterator[Server]:
    """Start ``streamlit run script`` (relative to the repo root) and stop it on exit; on a free
    port unless ``port`` names one."""
    port = port or free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    streamlit = Path(sys.executable).parent / "streamlit"  # the console script `make run` uses
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port)}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [str(streamlit), "run", script], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(f"http://127.0.0.1:{port}", log, process)
    try:
        _wait_healthy(server, timeout_s)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen, timeout_s: float = 15) -> None:
    """Ask ``process`` to end, and kill it if it has not within ``timeout_s``."""
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_healthy(server: Server, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.process.returncode}:\n{server.log_tail()}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        time.sleep(0.1)  # polling interval, not a wait for the app
    raise RuntimeError(f"streamlit not healthy after {timeout_s:.0f} s:\n{server.log_tail()}")

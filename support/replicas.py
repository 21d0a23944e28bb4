"""Several ``streamlit run app.py`` processes behind HAProxy on one machine, for ``make replicas``
and the load benchmark.

Each process is started as ``support.server`` starts one (same command, same
``.streamlit/config.toml``, the port through ``STREAMLIT_SERVER_PORT``), on ports 8511, 8512, ...
HAProxy listens on 127.0.0.1:8500 with the configuration of ``deploy/haproxy.cfg`` plus one
``server`` line per process, and keeps each browser on its process by a cookie (SERVERID).
``python -m support.replicas [K]`` runs K processes until interrupted, then stops all of them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from support.server import ROOT, Server, stop, streamlit_server

TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
RUN_DIR = ROOT / "deploy" / "run"  # the generated configuration and the logs (git-ignored)
FRONT_PORT = 8500
FIRST_PORT = 8511
TEMPLATE_BIND = "bind 127.0.0.1:8500"
INSTALL_HINT = (
    "install it with `sudo apt-get install -y haproxy` (Debian/Ubuntu), or point HAPROXY at a binary"
)


def haproxy_binary() -> Path | None:
    found = os.environ.get("HAPROXY") or shutil.which("haproxy") or "/usr/sbin/haproxy"
    path = Path(found)
    return path if path.is_file() and os.access(path, os.X_OK) else None


def haproxy_config(front_port: int, ports: list[int]) -> str:
    """``deploy/haproxy.cfg`` listening on ``front_port``, with one server per port in ``ports``."""
    text = TEMPLATE.read_text(encoding="utf-8")
    if TEMPLATE_BIND not in text:
        raise ValueError(f"{TEMPLATE} has no line `{TEMPLATE_BIND}` to set the port in")
    text = text.replace(TEMPLATE_BIND, f"bind 127.0.0.1:{front_port}")
    servers = [f"    server app{i} 127.0.0.1:{port} check cookie app{i}" for i, port in enumerate(ports, 1)]
    return text.rstrip("\n") + "\n" + "\n".join(servers) + "\n"


@dataclass
class Replicas:
    """K Streamlit servers and the HAProxy in front of them (``url``)."""

    url: str
    servers: list[Server]
    haproxy: subprocess.Popen

    def pids(self) -> list[int]:
        return [server.process.pid for server in self.servers]


@contextlib.contextmanager
def replicas(
    count: int, front_port: int = FRONT_PORT, ports: list[int] | None = None, run_dir: Path = RUN_DIR,
    timeout_s: float = 60,
) -> Iterator[Replicas]:  # fmt: skip
    """Start ``count`` app processes (on ``ports``, else 8511...) and HAProxy on ``front_port``;
    stop them all on exit."""
    haproxy = haproxy_binary()
    if haproxy is None:
        raise RuntimeError(f"HAProxy not found: {INSTALL_HINT}")
    ports = ports or [FIRST_PORT + i for i in range(count)]
    if len(ports) != count:
        raise ValueError(f"{count} processes need {count} ports, got {ports}")
    run_dir.mkdir(parents=True, exist_ok=True)
    config = run_dir / f"haproxy-{front_port}.cfg"
    config.write_text(haproxy_config(front_port, ports), encoding="utf-8")
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(streamlit_server("app.py", run_dir / f"app-{port}.log", timeout_s, port=port))
            for port in ports
        ]
        log = (run_dir / f"haproxy-{front_port}.log").open("w", encoding="utf-8")
        stack.callback(log.close)
        process = subprocess.Popen(
            [str(haproxy), "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
        stack.callback(stop, process, 10)
        url = f"http://127.0.0.1:{front_port}"
        _wait_up(url, process, count, timeout_s)
        yield Replicas(url, servers, process)


def _wait_up(url: str, process: subprocess.Popen, count: int, timeout_s: float) -> None:
    """HAProxy answers the health check and has handed out a cookie for every process."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"haproxy exited with {process.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                for header in reply.headers.get_all("Set-Cookie") or []:
                    seen.add(header.split(";", 1)[0])
                if reply.status == 200 and len(seen) >= count:
                    return
        time.sleep(0.1)  # polling interval, not a wait for the app
    raise RuntimeError(f"haproxy at {url} did not reach {count} processes in {timeout_s:.0f} s (saw {seen})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m support.replicas", description=__doc__.split("\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=FRONT_PORT, help=f"HAProxy's port (default {FRONT_PORT})")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    # SIGTERM (kill, a process manager) ends the wait below like Ctrl-C, so every child is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with replicas(args.count, args.port) as running:
            ports = ", ".join(server.url.rsplit(":", 1)[1] for server in running.servers)
            print(
                f"replicas: {args.count} processes (ports {ports}) behind HAProxy at {running.url}",
                flush=True,
            )
            print(f"replicas: logs and configuration in {RUN_DIR}; Ctrl-C stops everything", flush=True)
            while all(s.process.poll() is None for s in running.servers) and running.haproxy.poll() is None:
                time.sleep(1)
            print("replicas: a process exited; stopping the others", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as err:
        print(f"replicas: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

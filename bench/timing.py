"""Medians, the result rows and the machine line that ``python -m bench`` prints."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    """One figure of the table: what, the measured median (with its unit), the target."""

    figure: str
    median: str
    target: str = "-"
    note: str = ""


class Usage:
    """CPU seconds and RSS of some processes, from /proc."""

    TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids

    def cpu_s(self) -> float:
        total = 0
        for pid in self.pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return total / self.TICK

    def rss_mib(self) -> float:
        kib = 0
        for pid in self.pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    kib += int(line.split()[1])
        return kib / 1024


def median_seconds(fn: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    """Median wall time of ``fn`` over ``repeat`` calls, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def machine() -> str:
    """nproc, CPU model, RAM and Python version, for the line under the table."""
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    models = [line.split(":", 1)[1].strip() for line in _lines(cpuinfo) if line.startswith("model name")]
    kib = [int(line.split()[1]) for line in _lines(meminfo) if line.startswith("MemTotal:")]
    ram = f"{kib[0] / 2**20:.1f} GiB RAM" if kib else "RAM unknown"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpu = models[0] if models else platform.processor() or "CPU unknown"
    return f"{cores} cores (nproc), {cpu}, {ram}, Python {platform.python_version()}"


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def table(rows: list[Row]) -> str:
    lines = ["| figure | median | target | note |", "|---|---|---|---|"]
    lines += [f"| {r.figure} | {r.median} | {r.target} | {r.note} |" for r in rows]
    return "\n".join(lines)


def spread(values: list[float], fmt: str = "{:,.1f}", unit: str = "") -> str:
    """The range of some medians (one per round), as "low-high unit"."""
    return f"{fmt.format(min(values))}-{fmt.format(max(values))}{unit}"

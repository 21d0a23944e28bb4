"""``python -m bench``: every figure in one run, then the markdown table and the machine."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from bench import browser, engine, load, memory, rerun
from bench.timing import Row, machine, table

SECTIONS: list[tuple[str, Callable[[], list[Row]]]] = [
    ("core throughput", engine.throughput),
    ("analysis core time", engine.analysis_core),
    ("server reruns", rerun.page_reruns),
    ("browser", browser.browser_timings),
    ("server memory", memory.memory),
    ("load and scale", load.load),
]


def main() -> int:
    rows: list[Row] = []
    took: list[str] = []
    start = time.perf_counter()
    for name, section in SECTIONS:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        try:
            rows += section()
        except Exception as err:  # a benchmark reports, it never fails
            rows.append(Row(name, "not measured", "", f"{type(err).__name__}: {err}"))
        took.append(f"{name} {time.perf_counter() - began:,.0f} s")
    print(table(rows))
    print(f"\nMachine: {machine()}.")
    print(f"Took {(time.perf_counter() - start) / 60:.1f} min ({', '.join(took)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

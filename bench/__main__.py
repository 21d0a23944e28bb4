"""``python -m bench``: every figure in one run, then the markdown table and the machine."""

from __future__ import annotations

import sys
from collections.abc import Callable

from bench import browser, engine, load, rerun
from bench.timing import Row, machine, table

SECTIONS: list[tuple[str, Callable[[], list[Row]]]] = [
    ("core throughput", engine.throughput),
    ("analysis core time", engine.analysis_core),
    ("page reruns", rerun.page_reruns),
    ("browser", browser.browser_timings),
    ("load and scale", load.load),
]


def main() -> int:
    rows: list[Row] = []
    for name, section in SECTIONS:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        try:
            rows += section()
        except Exception as err:  # a benchmark reports, it never fails
            rows.append(Row(name, "not measured", "", f"{type(err).__name__}: {err}"))
    print(table(rows))
    print(f"\nMachine: {machine()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Server rerun after a slider change (AppTest), per page, as a ratio to the floor script.

Every page's AppTest is loaded first, then the reruns are interleaved (floor, Explorer, each
analysis page, floor, ...) so that a noisy moment on this 2-core machine hits them all alike.
"""

from __future__ import annotations

import statistics
import time

from streamlit import config, logger
from streamlit.testing.v1 import AppTest

from bench.timing import Row, ms
from support.server import ROOT
from ui.frame import PAGES

RERUNS = 30
KEY = "queries_per_day"  # a slider on every page (the shared frame) and in the floor script
FLOOR = "bench/floor_app.py"


class _Rerun:
    """One app on one page, whose slider KEY flips between its value and twice that."""

    def __init__(self, script: str, page: str | None = None) -> None:
        self.at = AppTest.from_file(str(ROOT / script), default_timeout=120)
        self.at.run()
        if page is not None:
            self.at.switch_page(page)
            self.at.run()
        value = self._slider().value
        self.values = [value * 2, value]  # 10k -> 20k/day: an option of the Explorer's 1-2-5 scale
        self.times: list[float] = []

    def _slider(self):
        found = [w for w in (*self.at.select_slider, *self.at.slider) if w.key == KEY]
        if not found:
            raise LookupError(f"no slider keyed {KEY!r}")
        return found[0]

    def once(self) -> None:
        self._slider().set_value(self.values[len(self.times) % 2])
        start = time.perf_counter()
        self.at.run()
        self.times.append(time.perf_counter() - start)
        if self.at.exception:
            raise RuntimeError(self.at.exception[0].message)

    def median(self) -> float:
        return statistics.median(self.times[1:])  # the first rerun warms caches


def page_reruns() -> list[Row]:
    config.set_option("logger.level", "error")  # AppTest's bare-mode warnings would bury the table
    logger.set_log_level("error")  # ...for the loggers that exist already
    apps: dict[str, _Rerun] = {"floor": _Rerun(FLOOR)}
    rows = []
    for entry in PAGES:
        title = entry.title
        try:
            apps[title] = _Rerun("app.py", None if entry.path == "app.py" else entry.path)
        except Exception as err:  # a benchmark reports, it never fails
            rows.append(Row(f"rerun: {title}", "not measured", "", f"{type(err).__name__}: {err}"))
    for _ in range(RERUNS + 1):
        for title, app in list(apps.items()):
            try:
                app.once()
            except Exception as err:
                rows.append(Row(f"rerun: {title}", "not measured", "", f"{type(err).__name__}: {err}"))
                del apps[title]
    floor = apps.pop("floor").median()
    rows.insert(
        0, Row("rerun: floor (one slider, one chart)", ms(floor), "-", f"AppTest, median of {RERUNS}")
    )
    for title, app in apps.items():
        target = "<= 3x floor" if title == "Explorer" else "-"
        rows.append(Row(f"rerun: {title}", ms(app.median()), target, f"{app.median() / floor:.1f}x floor"))
    return rows

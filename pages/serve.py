"""Start the app: ``python -m pages.serve [streamlit run options]``, as ``make run`` does.

Streamlit treats a ``pages/`` folder beside the main script as a legacy multipage app until
``st.navigation`` has run once in the process, so the first visitor of a fresh server would
see every module of ``pages/`` listed in the sidebar and a deep link such as
``/decision-map`` answered with "Page not found". Declaring the app navigation-only before
the server starts removes that first broken run.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.cli import main

APP = Path(__file__).resolve().parent.parent / "app.py"


def serve(options: list[str]) -> int:
    """Run ``streamlit run app.py`` with ``options``, navigation-only from the first request."""
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *options]
    return main()


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))

"""The router and the shared frame: page config, navigation over pages/, the sidebar sliders."""

from pathlib import Path

import streamlit as st

from pages.common import draw_frame

HERE = Path(__file__).resolve().parent
# (path, title, icon, url path): a page is listed only once its file exists, so the app runs at
# every step. Each url path differs from its file name on purpose: Streamlit still sees the
# legacy pages/ folder, and until st.navigation has run once in the process (and in every
# AppTest run) a request naming a file in pages/ runs that file alone, without this frame.
PAGES = (
    ("pages/explorer.py", "Explorer", ":material/tune:", "explore"),
    ("pages/decision_map.py", "Decision map", ":material/map:", "decision-map"),
    ("pages/sensitivity.py", "Sensitivity", ":material/swap_vert:", "what-matters"),
    ("pages/uncertainty.py", "Uncertainty", ":material/casino:", "monte-carlo"),
    ("pages/compare.py", "Compare", ":material/compare_arrows:", "compare-scenarios"),
    ("pages/method.py", "Method and sources", ":material/menu_book:", "method-and-sources"),
)

st.set_page_config(
    page_title="RAG vs Fine-Tuning Scenario Explorer", page_icon=":material/balance:", layout="wide"
)
page = st.navigation(
    [
        st.Page(path, title=title, icon=icon, url_path=url, default=path == PAGES[0][0])
        for path, title, icon, url in PAGES
        if (HERE / path).is_file()
    ]
)
draw_frame()
page.run()

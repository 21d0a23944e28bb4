"""Real-browser tests: Chromium via Playwright against `streamlit run app.py`."""

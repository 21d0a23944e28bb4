"""The test suite: unit (core), app (AppTest per page), e2e (Chromium); each tier runs alone."""

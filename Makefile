# Two commands: `make run` and `make test`. Each sets up .venv from scratch when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test e2e bench replicas lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Plain `streamlit run app.py`, as Community Cloud and the container start it; settings (port
# 8501, loopback address, headless) come from .streamlit/config.toml.
run: $(VENV)/.runtime
	$(BIN)/streamlit run app.py

# The container is linted, not built: no base image can be pulled on the CI machines.
test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile
	$(BIN)/python -m pytest

# The browser tests alone (they also run in `make test`); they need Debian's chromium.
e2e: $(VENV)/.dev
	$(BIN)/python -m pytest -m e2e tests/e2e

bench: $(VENV)/.dev
	$(BIN)/python -m bench

# Several app processes behind HAProxy on http://127.0.0.1:8500, each tab kept on its process by
# a cookie (deploy/haproxy.cfg); `make replicas REPLICAS=3` for three. Ctrl-C stops them all.
REPLICAS ?= 2
replicas: $(VENV)/.runtime
	deploy/install-haproxy.sh
	$(BIN)/python -m support.replicas $(REPLICAS)

lint: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

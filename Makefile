# quantviz: `make run` opens the app, `make serve` serves it to a class (N processes behind
# HAProxy), `make test` runs every test (core, app, balancer, browser).
# They set everything up on a fresh machine: the virtual environment, the pinned packages and
# Debian's HAProxy and, for the browser tests, Chromium.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# make serve: app processes on this machine (default: one per core) and app processes elsewhere
# (BACKENDS="10.0.0.3:8501 10.0.0.4:8501", each started there with `make worker`).
WORKERS  ?= $(shell nproc 2>/dev/null || echo 2)
BACKENDS ?=
# The app's matrix products are small: one BLAS thread avoids oversubscribing 2 cores.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
# Streamlit runs every script run in a new thread; glibc's per-thread heaps (up to 8 per core),
# each keeping its freed memory, grew an app process's heap by a third over 1,800 slider moves.
# Two heaps keep it flat at the same speed (bench/load.py --scenario soak). Read at process start.
export MALLOC_ARENA_MAX ?= 2

.PHONY: run serve worker test test-fast lint bench chromium haproxy cjk-font clean

run: $(VENV)/.runtime
	@$(MAKE) --no-print-directory cjk-font || echo "(no CJK font: Chinese text in PNG/SVG exports may show as boxes)"
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless false

# One port for a whole class: $(WORKERS) app processes behind HAProxy (sticky sessions, websockets).
serve: $(VENV)/.runtime haproxy
	$(BIN)/python scripts/serve.py --workers $(WORKERS) --port $(PORT) $(foreach b,$(BACKENDS),--backend $(b))

# An app process for a balancer on another machine (README, "Growing past one machine"); give
# every worker the same STREAMLIT_SERVER_COOKIE_SECRET.
worker: $(VENV)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address 0.0.0.0 --server.headless true \
	  --server.fileWatcherType none --browser.gatherUsageStats false

# The linter first (its rules are in pyproject.toml), then the tests, spread over TEST_WORKERS
# processes (pytest-xdist; each runs its own app server and browser for the browser tests): a
# browser test spends most of its time waiting for the app and the browser, so two processes
# keep 2 cores busy. `TEST_WORKERS=0` runs them in this one process.
TEST_WORKERS ?= 2

test: $(VENV)/.dev chromium haproxy
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

test-fast: $(VENV)/.dev haproxy
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not e2e"

lint: $(VENV)/.dev
	$(BIN)/ruff check .

# bench/load.py starts `make serve`'s scripts/serve.py itself, on a free port.
bench: $(VENV)/.dev chromium haproxy
	@for script in bench/*.py; do \
	  case $$script in bench/timing.py|bench/streamclient.py|bench/load_validate.py|bench/first_render.py) continue;; esac; \
	  module=bench.$$(basename $$script .py); echo "== python -m $$module"; $(BIN)/python -m $$module || exit 1; done

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The pinned packages, then quantviz itself as an editable package (its code stays here: an
# edit needs no reinstall), so that the app, tests, benchmarks and scripts import it by name.
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

$(VENV)/.runtime: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) -r requirements-dev.txt
	$(PIP) --no-deps -e .
	touch $(VENV)/.runtime $@

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here),
# with a CJK font so that the 简体中文 screenshots show characters, not boxes.
BROWSER_PACKAGES := chromium fonts-wqy-microhei
chromium:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wqy; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y --no-install-recommends $(BROWSER_PACKAGES) \
	    || { apt-get update && apt-get install -y --no-install-recommends $(BROWSER_PACKAGES); }; \
	  else \
	    echo "Missing: run 'sudo apt-get install -y --no-install-recommends $(BROWSER_PACKAGES)'"; exit 1; \
	  fi; \
	fi

# The load balancer of `make serve` and its failover test: Debian's HAProxy, installed when root.
haproxy:
	@if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y --no-install-recommends haproxy \
	    || { apt-get update && apt-get install -y --no-install-recommends haproxy; }; \
	  else \
	    echo "Missing: run 'sudo apt-get install -y --no-install-recommends haproxy'"; exit 1; \
	  fi; \
	fi

# Chinese labels in the PNG/SVG exports (matplotlib) need a CJK font; installed when root.
cjk-font:
	@fc-list 2>/dev/null | grep -qi wqy || { [ "$$(id -u)" = 0 ] && \
	  { apt-get install -y --no-install-recommends fonts-wqy-microhei \
	    || { apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei; }; }; }

clean:
	rm -rf $(VENV) test-output .pytest_cache .hypothesis serve

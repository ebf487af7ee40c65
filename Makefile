# quantviz: `make run` opens the app, `make test` runs every test (core, app, browser).
# Both set everything up on a fresh machine: the virtual environment, the pinned packages and,
# for the browser tests, Debian's Chromium.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# The app's matrix products are small: one BLAS thread avoids oversubscribing 2 cores.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

.PHONY: run test test-fast bench chromium cjk-font clean

run: $(VENV)/.runtime
	@$(MAKE) --no-print-directory cjk-font || echo "(no CJK font: Chinese text in PNG/SVG exports may show as boxes)"
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless false

test: $(VENV)/.dev chromium
	$(BIN)/python -m pytest

test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not e2e"

bench: $(VENV)/.dev chromium
	@for script in bench/*.py; do \
	  case $$script in bench/timing.py) continue;; esac; \
	  echo "== $$script"; $(BIN)/python $$script || exit 1; done

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
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

# Chinese labels in the PNG/SVG exports (matplotlib) need a CJK font; installed when root.
cjk-font:
	@fc-list 2>/dev/null | grep -qi wqy || { [ "$$(id -u)" = 0 ] && \
	  { apt-get install -y --no-install-recommends fonts-wqy-microhei \
	    || { apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei; }; }; }

clean:
	rm -rf $(VENV) test-output .pytest_cache .hypothesis

# Overture developer tasks. `make demo` and `make test` are the two README commands.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: venv demo test lint typecheck browser-deps argdown-deps bench

$(BIN)/overture: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned to the CPU wheel on disk, so nothing pulls a CUDA build
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev,semantic]'
	touch $(BIN)/overture

venv: $(BIN)/overture

demo: venv
	$(BIN)/overture demo

# Debian's chromium for the browser tests (never a browser download by playwright) and
# Graphviz, against which the DOT export is cross-checked.
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && command -v dot >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium graphviz >/dev/null; \
	  else echo "chromium or graphviz missing: their tests will be skipped (install Debian's chromium and graphviz)"; fi; }

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

# Argdown's own parser (npm @argdown/core), against which the Argdown export is checked;
# kept inside the venv folder, never committed. Without npm that test is skipped.
ARGDOWN := $(VENV)/node/node_modules/@argdown/core/package.json
$(ARGDOWN):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install -s --no-audit --no-fund --prefix $(VENV)/node @argdown/core@1.7.5 || \
	  echo "npm install of @argdown/core failed: the Argdown parser test will be skipped"; \
	else echo "npm missing: the Argdown parser test will be skipped"; fi

# axe-core (npm), the accessibility checker the browser tests run in the page.
AXE := $(VENV)/node/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install -s --no-audit --no-fund --prefix $(VENV)/node axe-core@4.14.1 || \
	  echo "npm install of axe-core failed: the accessibility test will be skipped"; \
	else echo "npm missing: the accessibility test will be skipped"; fi

argdown-deps: venv $(ARGDOWN) $(AXE)

test: venv browser-deps argdown-deps
	$(BIN)/ruff check .
	$(BIN)/mypy
	NODE_PATH=$(abspath $(VENV))/node/node_modules $(BIN)/python -m pytest -n 2 -q

bench: venv
	$(BIN)/python benchmarks/run_all.py

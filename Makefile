# termsbot: `make run` starts the assistant, `make test` runs the whole suite.
# Both install what they need first (Python venv and packages).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Where pip finds PyTorch's CPU build for the optional sentence-transformers embedder. Empty:
# the default indexes (this machine keeps the CPU wheel on disk). Elsewhere use
# `make test TORCH_INDEX=https://download.pytorch.org/whl/cpu`: PyPI's torch is a CUDA build
# of several gigabytes.
TORCH_INDEX ?=

.PHONY: install runtime system-deps widget run test lint typecheck unit bench eval stop-postgres clean

# The runtime alone (what `make run` needs): no torch, no test tools.
RUNTIME_STAMP := $(VENV)/.runtime
runtime: $(RUNTIME_STAMP)

$(RUNTIME_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME_STAMP)

# Everything the tests need: the development tools and the optional sentence-transformers
# embedder, whose torch comes first from the CPU build (see TORCH_INDEX).
STAMP := $(VENV)/.installed
install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0 $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(BIN)/pip install --quiet -e '.[dev,sentence-transformers]'
	touch $(STAMP) $(RUNTIME_STAMP)

# Browser tests drive Debian's Chromium (no browser download); the widget's bundler (esbuild)
# and axe-core come from the npm registry (web/package-lock.json); PostgreSQL comes from
# scripts/start_test_postgres.sh. apt needs root, as in CI.
SYSTEM_STAMP := $(VENV)/.system-deps
system-deps: $(SYSTEM_STAMP)

$(SYSTEM_STAMP): web/package-lock.json | install
	@if ! command -v chromium >/dev/null; then \
		apt-get update -q && apt-get install -y -q chromium fonts-inter fonts-noto-color-emoji; \
	fi
	@command -v npm >/dev/null || { apt-get update -q && apt-get install -y -q nodejs npm; }
	npm ci --prefix web --no-audit --no-fund --silent
	touch $(SYSTEM_STAMP)

# The widget's bundle (web/bundle/, committed: `make run` needs no Node.js). Rebuild it after
# changing web/widget/; the tests fail while it is stale.
widget: system-deps
	node web/build.mjs

run: runtime
	$(BIN)/termsbot serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

# The store tests run against SQLite and a real PostgreSQL, which this starts (installing it
# with apt if needed) unless TERMSBOT_TEST_POSTGRES_URL already points at one. A server this
# run started is stopped at the end, whatever the outcome; one already running is left alone.
unit: install system-deps
	@if [ -n "$$TERMSBOT_TEST_POSTGRES_URL" ]; then exec $(BIN)/pytest -q; fi; \
	was_running=0; scripts/start_test_postgres.sh --status && was_running=1; \
	url="$$(scripts/start_test_postgres.sh)" || exit 1; \
	status=0; TERMSBOT_TEST_POSTGRES_URL="$$url" $(BIN)/pytest -q || status=$$?; \
	if [ $$was_running = 0 ]; then scripts/start_test_postgres.sh --stop; fi; \
	exit $$status

test: lint typecheck unit

# Stops the throwaway PostgreSQL of the tests (`make unit` does it itself).
stop-postgres:
	scripts/start_test_postgres.sh --stop

bench: install
	$(BIN)/python benchmarks/ingest_bench.py

eval: install
	$(BIN)/termsbot eval
	$(BIN)/python benchmarks/retrieval_recall.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

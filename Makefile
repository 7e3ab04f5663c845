# termsbot: `make run` starts the assistant, `make test` runs the whole suite.
# Both install everything they need first (Python venv and packages).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install system-deps run test lint typecheck unit bench eval clean

install: $(STAMP)

# torch first, from the machine's local CPU build: letting sentence-transformers pull it
# from the registry would download a multi-gigabyte CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Browser tests drive Debian's Chromium (no browser download) and inject axe-core from the npm
# registry; PostgreSQL comes from scripts/start_test_postgres.sh. apt needs root, as in CI.
SYSTEM_STAMP := $(VENV)/.system-deps
system-deps: $(SYSTEM_STAMP)

$(SYSTEM_STAMP): web/tests/package-lock.json | install
	@if ! command -v chromium >/dev/null; then \
		apt-get update -q && apt-get install -y -q chromium fonts-inter fonts-noto-color-emoji; \
	fi
	npm ci --prefix web/tests --no-audit --no-fund --silent
	touch $(SYSTEM_STAMP)

run: install
	$(BIN)/termsbot serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

# The store tests run against SQLite and a real PostgreSQL, which this starts (installing it
# with apt if needed) unless TERMSBOT_TEST_POSTGRES_URL already points at one.
unit: install system-deps
	TERMSBOT_TEST_POSTGRES_URL="$${TERMSBOT_TEST_POSTGRES_URL:-$$(scripts/start_test_postgres.sh)}" \
		$(BIN)/pytest -q

test: lint typecheck unit

bench: install
	$(BIN)/python benchmarks/ingest_bench.py

eval: install
	$(BIN)/termsbot eval
	$(BIN)/python benchmarks/retrieval_recall.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

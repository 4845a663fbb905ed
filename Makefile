# kg — the two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  ?= kg-store

.PHONY: demo test lint bench clean install

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build examples/ --store $(STORE) --replace-store
	$(BIN)/kg query queries/questions-per-member.rq --store $(STORE)
	$(BIN)/kg query queries/who-asks-whom.rq --store $(STORE)
	$(BIN)/kg query queries/response-times.rq --store $(STORE)
	$(BIN)/kg search kinderbescherming --in antwoord --store $(STORE)
	$(BIN)/kg figure graph --projection entities --title "kg: the example documents as a graph" -o docs/demo-graph.png --store $(STORE)
	$(BIN)/kg viz -o out/demo-graph.html --store $(STORE)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# pdftotext (Debian's poppler-utils) is the PDF reader's reference; the bench reports kg's figure alone without it.
bench: $(STAMP)
	@command -v pdftotext >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] \
	  || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) \
	  || echo "bench: poppler-utils could not be installed; the PDF row shows kg's figure alone" >&2
	$(BIN)/python benchmarks/run.py --size 10000

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .ruff_cache

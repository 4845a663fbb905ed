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
	$(BIN)/kg figure graph --projection entities --title "kg: the example documents as a graph" -o docs/demo-graph.png --store $(STORE)
	$(BIN)/kg viz -o out/demo-graph.html --store $(STORE)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --size 10000

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .ruff_cache

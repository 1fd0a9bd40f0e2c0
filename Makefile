# corridor-ie — every target sets up the environment it needs first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/corridor-ie extract examples/ -o out/demo.jsonl

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/corridor-ie gazetteer validate

eval: $(STAMP)
	@echo "== development set (seeds and examples: the rules were written looking at these)"
	$(BIN)/corridor-ie evaluate annotations/seeds annotations/examples --baseline underthesea
	@echo "== held-out set (written blind to the extractor; never used for tuning)"
	$(BIN)/corridor-ie evaluate annotations/heldout --baseline underthesea

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) out .pytest_cache

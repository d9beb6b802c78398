# scrchron: the two commands a reviewer or developer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DEMO_DIR ?= out/demo

.PHONY: run test lint bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

## run: open the app on the bundled demo review (headless machines get a message)
run: $(STAMP)
	$(BIN)/python -m scrchron.demo_launch $(DEMO_DIR)

## test: install test extras and run the whole suite (GUI tests run offscreen)
test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

## lint: ruff and mypy
lint: $(TEST_STAMP)
	$(BIN)/ruff check scrchron tests bench
	$(BIN)/mypy

## bench: print the benchmark figures (each beside its baseline)
bench: $(TEST_STAMP)
	for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) out build dist *.egg-info

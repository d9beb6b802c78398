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
	$(BIN)/python -m scrchron.demo.launch $(DEMO_DIR)

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

DIST_STAMP := $(VENV)/.installed-dist
DIST_APP := dist/scrchron
DIST_SMOKE := out/dist-smoke

.PHONY: dist

$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]' $(if $(filter Darwin,$(shell uname -s)),pillow)
	touch $@ $(STAMP)

## dist: build the one-folder app (dist/scrchron) with PyInstaller, then smoke-test it headlessly
dist: $(DIST_STAMP)
	rm -rf build/build $(DIST_APP) $(DIST_SMOKE)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	QT_QPA_PLATFORM=offscreen $(DIST_APP)/scrchron --version
	QT_QPA_PLATFORM=offscreen $(DIST_APP)/scrchron demo --out $(DIST_SMOKE)
	test -s $(DIST_SMOKE)/demo.scrchron && test -s $(DIST_SMOKE)/demo-report.docx \
		&& test -s $(DIST_SMOKE)/demo-chronology.xlsx
	cp $(DIST_SMOKE)/demo.scrchron $(DIST_SMOKE)/demo-protected.scrchron
	printf 'Invented smoke-test passphrase\n' > $(DIST_SMOKE)/passphrase.txt
	$(DIST_APP)/scrchron encrypt $(DIST_SMOKE)/demo-protected.scrchron --passphrase-file $(DIST_SMOKE)/passphrase.txt
	$(DIST_APP)/scrchron info $(DIST_SMOKE)/demo-protected.scrchron --passphrase-file $(DIST_SMOKE)/passphrase.txt
	@echo "== folder size: $$(du -sh $(DIST_APP) | cut -f1) ($(DIST_APP))"
	@QT_QPA_PLATFORM=offscreen $(BIN)/python -c "$$DIST_TIMING" $(DIST_APP)/scrchron $(DIST_SMOKE)

# Start-up time of the frozen app: best of three runs, the CLI and the window's first paint.
define DIST_TIMING
import subprocess, sys, time
exe, out = sys.argv[1], sys.argv[2]
checks = (("--version", ["--version"]),
          ("window, first paint (offscreen)", ["gui", out + "/demo.scrchron", "--screenshot", out + "/window.png"]))
for label, args in checks:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([exe, *args], check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    print(f"== start-up, {label}: {min(runs):.2f} s (best of 3)")
endef
export DIST_TIMING

clean:
	rm -rf $(VENV) out build dist *.egg-info

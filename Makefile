# Two entry points: `make lab` starts the course, `make test` runs every test.
# Both bootstrap .venv from the pinned lock in binder/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := binder/requirements-dev.txt
LAB_ARGS ?=  # extra `jupyter lab` options, e.g. LAB_ARGS=--port=9999
BENCH_ARGS ?=  # e.g. BENCH_ARGS="--only callbacks,imports"

.PHONY: lab test lint lock clean assignments bench present

$(STAMP): $(LOCK) binder/requirements.txt binder/requirements-nodeps.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m newscase warm-up
	touch $@

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) \
		--ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb $(LAB_ARGS)

# A lesson as an app for the projector (Voilà): make present LESSON=03
present: $(STAMP)
	$(BIN)/python -m newscase present "$(LESSON)"

test: $(STAMP)
	$(BIN)/ruff check lib tests scripts notebooks bench
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check lib tests scripts notebooks bench

# Measure speed against the budgets (not a test): writes bench/results.json, prints a table.
# Needs Debian's chromium for the in-browser figure. BENCH_ARGS=--quick for a smoke run.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Regenerate the otter-grader assignments: assignments/student/ (committed) and the answer keys
# and autograder zips in build/assignments/ (git-ignored).
assignments: $(STAMP)
	$(BIN)/python assignments/build.py

# Regenerate both locks after editing pyproject.toml or binder/requirements-nodeps.txt (needs
# pip-tools). pip-compile keeps the pins already in the locks unless a change forces one.
# The Binder lock leaves out BINDER_OMIT: what binder/postBuild installs with --no-deps (the
# pins in binder/requirements-nodeps.txt) and what only their skipped extra needs (otter-grader's
# nbconvert[webpdf] -> playwright -> greenlet; tests/test_binder.py's `pip check` in a fresh
# Binder env proves nothing else needs them). pip-compile's --unsafe-package drops exactly the
# named packages from its output and keeps their other dependencies pinned.
# The dev lock keeps everything: the tests need playwright.
BINDER_OMIT := otter-grader playwright greenlet
PIP_COMPILE := pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	--no-emit-trusted-host --constraint binder/requirements-nodeps.txt
lock:
	$(PIP_COMPILE) $(addprefix --unsafe-package ,$(BINDER_OMIT)) \
		--output-file binder/requirements.txt pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint binder/requirements.txt \
		--output-file binder/requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts

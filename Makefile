# Two entry points: `make lab` starts the course, `make test` runs every test.
# Both bootstrap .venv from the pinned lock in binder/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := binder/requirements-dev.txt
LAB_ARGS ?=  # extra `jupyter lab` options, e.g. LAB_ARGS=--port=9999

.PHONY: lab test lint lock clean assignments

$(STAMP): $(LOCK) binder/requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) \
		--ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/ruff check lib tests scripts notebooks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check lib tests scripts notebooks

# Regenerate the otter-grader assignments: assignments/student/ (committed) and the answer keys
# and autograder zips in build/assignments/ (git-ignored).
assignments: $(STAMP)
	$(BIN)/python assignments/build.py

# Regenerate both locks after editing pyproject.toml (needs pip-tools).
lock:
	pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--no-emit-trusted-host --output-file binder/requirements.txt pyproject.toml
	pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--no-emit-trusted-host --extra dev --constraint binder/requirements.txt \
		--output-file binder/requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts

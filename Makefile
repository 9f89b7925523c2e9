# framing: the Atmeh raid framing study.  `make help` lists the targets.
#
# The first target run creates .venv/ with the project installed (editable, with
# the dev and dask extras) and reuses it afterwards; it reinstalls when
# pyproject.toml changes.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install study reports sync test code evaluate fetch bench clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,dask]"
	@touch $(STAMP)

install: $(STAMP) ## create .venv with the project installed (done by every target that needs it)

study: $(STAMP) ## code the data, run the notebooks (figures/), export HTML reports to reports/
	$(PY) -m framing study

reports: $(STAMP) ## re-run the notebooks and export reports without re-coding the data
	$(PY) -m framing study --no-code

sync: $(STAMP) ## regenerate each notebooks/*.ipynb from its paired .py (outputs stay empty)
	$(VENV)/bin/jupytext --sync notebooks/0*.py

test: $(STAMP) ## run the test suite (offline)
	$(PY) -m pytest

clean: ## remove everything derived (reports, processed data); keeps .venv and the fetch cache
	rm -rf reports data/processed .pytest_cache

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
.PHONY: help install study reports sync test evaluate fetch bench profile clean

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

fetch: $(STAMP) ## retrieve the related coverage into data/cache/ (the only target that uses the network)
	$(PY) -m framing fetch --data data

evaluate: $(STAMP) ## score the coder on the seed and the hand-coded fixture sets (and retrieved coverage)
	$(PY) scripts/score_coder.py

bench: $(STAMP) ## benchmark `framing code` at 10^4, 10^5, 10^6 sentences (takes about 15 minutes)
	$(PY) scripts/benchmark.py

profile: $(STAMP) ## where the coder's time goes: CPU µs per unit for each step (about a minute)
	$(PY) scripts/profile_steps.py

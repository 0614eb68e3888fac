# The two commands a newcomer needs:
#   make serve   install what the site needs, then serve it at http://127.0.0.1:8000/
#   make test    install what the tests need (Python packages and Debian's chromium), then run them
# Both work on a fresh machine with Python 3.11; everything goes into .venv/.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-one validate test install install-test browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt

# Debian's Chromium for the browser tests (Playwright's own browser download is not used).
browser:
	@if [ ! -x "$${KB_CHROMIUM:-/usr/bin/chromium}" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; \
	fi

serve: install
	$(BIN)/mkdocs serve

build: install
	$(BIN)/mkdocs build --strict

# One language only, for a fast edit loop: make build-one LANG_ONLY=fr
build-one: install
	KB_BUILD_ONLY=$(LANG_ONLY) $(BIN)/mkdocs build

validate: install
	$(BIN)/python hooks/kb validate

test: install-test browser
	$(BIN)/python hooks/kb validate
	../shared/tools/seed-overlap site-data content overrides
	$(BIN)/python -m pytest

clean:
	rm -rf site site-offline site-offline.zip $(VENV)

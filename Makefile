# The two commands a newcomer needs:
#   make serve   install what the site needs, then serve it at http://127.0.0.1:8000/
#   make test    install what the tests need (Python packages and Debian's chromium), then run them
# Both work on a fresh machine with Python 3.11; everything goes into .venv/.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: offline offline-pdf serve serve-draft build build-one validate new-faq translations confirm test test-builds install install-test browser clean bench-search bench-search-scale node-tools page-weight lighthouse bench-build serve-one bench-edit bench-fcp build-zensical zensical-steps install-zensical bench-zensical

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The kb package and its `kb` command (pyproject.toml), installed editable after the pinned
# requirements so that they decide the versions; again only when pyproject.toml changes
# (edits to hooks/kb/ need no reinstall).
KB_INSTALL = [ $(BIN)/kb -nt pyproject.toml ] || $(BIN)/pip install --quiet -e .

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@$(KB_INSTALL)

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	@$(KB_INSTALL)

install-zensical: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-zensical.txt
	@$(KB_INSTALL)

# axe-core for the accessibility test, at the version pinned in package-lock.json.
# (`make lighthouse` installs the development tools of package.json as well.)
node-tools:
	npm ci --omit=dev --no-audit --no-fund --loglevel=error

# Debian's Chromium for the browser tests (Playwright's own browser download is not used):
# the tests drive its headless shell (chromium-headless-shell, the same release, about half
# the processor time), the benchmarks that time a reader's page the browser itself
# (tests/helpers.py). KB_CHROMIUM, when set, is the one browser of both.
BROWSER_PACKAGES = $(if $(KB_CHROMIUM),,$(foreach p,chromium chromium-headless-shell,$(if $(wildcard /usr/bin/$(p)),,$(p))))
browser:
	@if [ -n "$(KB_CHROMIUM)" ] && [ ! -x "$(KB_CHROMIUM)" ]; then echo "KB_CHROMIUM=$(KB_CHROMIUM) is not a program"; exit 2; fi
	@if [ -n "$(strip $(BROWSER_PACKAGES))" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(BROWSER_PACKAGES); \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $(BROWSER_PACKAGES); fi; \
	fi

# The address the preview serves at: make serve ADDR=127.0.0.1:8001 when port 8000 is taken.
ADDR ?= 127.0.0.1:8000
serve: install
	$(BIN)/mkdocs serve -a $(ADDR)

build: install
	$(BIN)/mkdocs build --strict

# The offline copy: site-offline/ and site-offline.zip, beside them its one-file editions for
# each language (kyc-help-<language>.zim for Kiwix, kyc-help-<language>.html for phones and
# mail) and SHA256SUMS of them all; the build prints each file's path, size and SHA-256.
# Every page names the public address of the current guide: make offline SITE_URL=https://…/
offline: install
	SITE_URL="$(SITE_URL)" $(BIN)/mkdocs build --strict -f mkdocs.offline.yml

# The printable edition of the offline copy: kyc-help-<language>.pdf, printed by Chromium from
# each single HTML file (hooks/kb/editions/pdf.py). Needs the browser, so not part of `offline`.
offline-pdf: offline install-test browser
	$(BIN)/kb editions site-offline --form html --form pdf

# The same site built with Zensical (pinned in requirements-zensical.txt) into site-zensical/,
# in three steps of its own: the pages of every language as plain Markdown (`kb export`), one
# Zensical build per language (hooks/zensical_build.py: English at the root, the others under
# /<code>/), then the search index of the built HTML (`kb index`). BENCHMARKS.md ("Zensical")
# says what differs from the MkDocs build, and how long each takes.
ZENSICAL_SITE ?= site-zensical
ZENSICAL_WORK ?= .zensical
build-zensical: install-zensical
	@$(MAKE) --no-print-directory zensical-steps

# The three steps as one shell command: $(call zensical_steps,SITE,WORK). test-builds runs it
# in the background beside the MkDocs builds; written out, not as a sub-make, because
# `make -n` runs every line that holds $(MAKE) (tests/test_self_contained.py dry-runs `make test`).
zensical_steps = $(BIN)/kb export --out $(2)/pages && \
	$(BIN)/python hooks/zensical_build.py --pages $(2)/pages --work $(2) --out $(1) && \
	$(BIN)/kb index $(1)

zensical-steps:
	$(call zensical_steps,$(ZENSICAL_SITE),$(ZENSICAL_WORK))

# One language only, for a fast edit loop: make build-one LANG_ONLY=fr
build-one: install
	KB_BUILD_ONLY=$(LANG_ONLY) $(BIN)/mkdocs build

# Serve some languages only, at their usual addresses (http://127.0.0.1:8000/fr/…), with
# the default language at the root: make serve-one LANGS="fr ja" (LANG_ONLY=fr also works).
# Fewer languages, faster rebuilds on every save (BENCHMARKS.md, edit loop).
LANGS ?= $(LANG_ONLY)
serve-one: install
	@[ -n "$(strip $(LANGS))" ] || { echo 'name the languages: make serve-one LANGS="fr ja"'; exit 2; }
	KB_LANGS="$(LANGS)" $(BIN)/mkdocs serve -a $(ADDR)

validate: install
	$(BIN)/kb validate

# Editing helpers, see CONTRIBUTING.md.
new-faq: install
	$(BIN)/kb new faq $(ID) $(foreach c,$(CAUSES),--cause $(c))

# make translations: only what needs work, field by field (FULL=1: every entry).
translations: install
	$(BIN)/kb translations $(if $(FULL),--full)

# make confirm FILE=faqs/x.yml [LANGS="fr ja"]; every file of the site only with ALL=1 (it asks first).
confirm: install
	$(BIN)/kb translations confirm $(FILE) $(if $(ALL),--all) $(foreach l,$(LANGS),--language $(l))

serve-draft: install
	KB_DRAFT=1 $(BIN)/mkdocs serve -a $(ADDR)

# `make test` builds the real site, its offline copy and the Zensical build once, side by
# side, into $(TEST_BUILDS)/; pytest (KB_TEST_BUILDS, tests/conftest.py) and the three
# benchmarks (two beside it, one after it) all read those builds. SITE_URL is left out of the served builds: the
# tests check the default address. The offline copy cannot be built without one; it gets an
# address that can only be a test's (.invalid never resolves; tests/helpers.py has the same).
TEST_BUILDS := .test-builds
# pytest's workers (pytest-xdist). Most of a browser test is waiting for Chromium, so
# more workers than cores keep both cores busy (BENCHMARKS.md, "Test run time").
TEST_WORKERS ?= 3
OFFLINE_TEST_SITE_URL := https://offline-test.invalid/

# The three builds side by side, as one shell command. Each NAME (site, site-offline,
# site-zensical) writes $(TEST_BUILDS)/NAME/ and NAME.log, then NAME.rc, its exit status,
# once it is done: tests/conftest.py waits for NAME.rc, so pytest can start beside the
# builds. Fails with the end of each failed build's log; lists the one-file editions the
# offline build wrote beside its zip, with their sizes. Written out, not as a sub-make,
# for the reason given at zensical_steps.
test_builds = { env -u SITE_URL $(BIN)/mkdocs build --strict -d $(TEST_BUILDS)/site \
	  > $(TEST_BUILDS)/site.log 2>&1; echo $$? > $(TEST_BUILDS)/site.rc; } & \
	{ ( unset SITE_URL; $(call zensical_steps,$(TEST_BUILDS)/site-zensical,$(TEST_BUILDS)/zensical-work) ) \
	  > $(TEST_BUILDS)/site-zensical.log 2>&1; echo $$? > $(TEST_BUILDS)/site-zensical.rc; } & \
	SITE_URL=$(OFFLINE_TEST_SITE_URL) $(BIN)/mkdocs build --strict -f mkdocs.offline.yml -d $(TEST_BUILDS)/site-offline \
	  > $(TEST_BUILDS)/site-offline.log 2>&1; echo $$? > $(TEST_BUILDS)/site-offline.rc; wait; \
	built=0; for name in site site-offline site-zensical; do \
	  [ "$$(cat $(TEST_BUILDS)/$$name.rc)" = 0 ] || { tail -n 40 $(TEST_BUILDS)/$$name.log; built=1; }; \
	done; sed -n 's/^INFO *- *wrote /wrote /p' $(TEST_BUILDS)/site-offline.log; [ $$built = 0 ]

test: install-test install-zensical browser node-tools
	$(BIN)/kb validate
	@rm -rf $(TEST_BUILDS) && mkdir -p $(TEST_BUILDS)
	@echo "building the site, the offline copy and the Zensical build into $(TEST_BUILDS)/ beside pytest (logs: $(TEST_BUILDS)/*.log)"
	@# pytest starts with the builds: a test that reads one waits for it (tests/conftest.py),
	@# and the tests that need none run first, on the processor time the builds leave.
	@# The search benchmark and page weight count hits and bytes, which other work on the machine
	@# cannot change: they run beside pytest once the builds are done (their timings, printed
	@# only, are then a loaded machine's). The search benchmark drives the tests' browser, in half
	@# the processor time; page weight counts what a desktop browser fetches (the favicon too).
	@# First paint is a time with a gate: it runs alone, last.
	@( ( $(test_builds) ) > $(TEST_BUILDS)/builds.log 2>&1; built=$$?; echo $$built > $(TEST_BUILDS)/builds.rc; \
	  [ $$built = 0 ] || exit 0; \
	  $(BIN)/python benchmarks/search_bench.py --test-browser --site $(TEST_BUILDS)/site --offline $(TEST_BUILDS)/site-offline \
	    > $(TEST_BUILDS)/search-bench.log 2>&1 & search_pid=$$!; \
	  $(BIN)/python benchmarks/page_weight.py --site $(TEST_BUILDS)/site > $(TEST_BUILDS)/page-weight.log 2>&1; \
	  echo $$? > $(TEST_BUILDS)/page-weight.rc; wait $$search_pid; echo $$? > $(TEST_BUILDS)/search-bench.rc ) & after_pid=$$!; \
	KB_TEST_BUILDS=$(TEST_BUILDS) $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup; tests=$$?; \
	wait $$after_pid; built=$$(cat $(TEST_BUILDS)/builds.rc); \
	cat $(TEST_BUILDS)/builds.log; \
	if [ $$built = 0 ]; then \
	  search=$$(cat $(TEST_BUILDS)/search-bench.rc); weight=$$(cat $(TEST_BUILDS)/page-weight.rc); \
	  cat $(TEST_BUILDS)/search-bench.log $(TEST_BUILDS)/page-weight.log; \
	else echo "a build failed (above): no benchmarks"; search=-; weight=-; fi; \
	[ $$tests = 0 ] || echo "pytest failed (exit $$tests)"; \
	[ $$built = 0 ] || echo "the builds failed (exit $$built): $(TEST_BUILDS)/*.log"; \
	[ $$search = 0 ] || [ $$built != 0 ] || echo "the search benchmark failed (exit $$search): $(TEST_BUILDS)/search-bench.log"; \
	[ $$weight = 0 ] || [ $$built != 0 ] || echo "page weight failed (exit $$weight): $(TEST_BUILDS)/page-weight.log"; \
	[ $$tests = 0 ] && [ $$built = 0 ] && [ $$search = 0 ] && [ $$weight = 0 ]
	$(BIN)/python benchmarks/fcp_bench.py --site $(TEST_BUILDS)/site

test-builds: install-zensical
	@rm -rf $(TEST_BUILDS) && mkdir -p $(TEST_BUILDS)
	@echo "building the site, the offline copy and the Zensical build into $(TEST_BUILDS)/ (logs: $(TEST_BUILDS)/*.log)"
	@$(test_builds)

# Search benchmark (BENCHMARKS.md): benchmarks/search_queries.yml through the real
# search box in Chromium, on the site served over http and on the offline copy
# from file://. Fails if top-3 is below 95 % in a language or a result is in
# another language. bench-search-scale adds speed and download size on a
# synthetic knowledge base 10 times the real one (a long build).
bench-search: install-test browser
	$(BIN)/python benchmarks/search_bench.py

bench-search-scale: install-test browser
	$(BIN)/python benchmarks/search_bench.py --scale 10

# Page weight (BENCHMARKS.md): bytes of a first visit to every page type in every
# language, compressed as a static host serves them. Fails over 150 KB a page.
page-weight: install-test browser
	$(BIN)/python benchmarks/page_weight.py

# First contentful paint of a cause page on a phone over Slow 3G (BENCHMARKS.md), served
# uncompressed and with the build's .gz copies. Fails if the gzipped median is over 2 s.
bench-fcp: install-test browser
	$(BIN)/python benchmarks/fcp_bench.py

# Lighthouse, mobile preset, on the home, a cause and the troubleshooter in en, zh
# and ja (BENCHMARKS.md). Not part of `make test`: it takes several minutes.
lighthouse: install-test browser
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python benchmarks/lighthouse.py

# Build speed at 1x, 3x and 10x the real knowledge base, pipeline overhead and a
# one-language build (BENCHMARKS.md). Long: about a quarter of an hour.
bench-build: install
	$(BIN)/python benchmarks/build_bench.py

# MkDocs against Zensical (BENCHMARKS.md, "Zensical"): `make build` and `make build-zensical`
# of the same project, one after the other, wall and CPU time and their ratio. A few minutes.
bench-zensical: install-zensical
	$(BIN)/python benchmarks/zensical_bench.py

# The edit loop (BENCHMARKS.md): seconds from saving a cause's title under `mkdocs serve`
# to the changed page being served, for all six languages and for serve-one LANGS="fr ja",
# and their ratio to a full build. A few minutes.
bench-edit: install
	$(BIN)/python benchmarks/edit_bench.py

clean:
	rm -rf site site-offline site-offline.zip SHA256SUMS kyc-help-*.zim kyc-help-*.html kyc-help-*.pdf site-zensical .zensical $(TEST_BUILDS) $(VENV) node_modules

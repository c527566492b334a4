# The two commands a newcomer needs: `make site` and `make test`. Everything else is a convenience.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the tests drive for real: the browser, Arabic fonts for it, and the web server.
TEST_DEBS := chromium fonts-noto-core fonts-dejavu-core nginx default-jre-headless
# Debian packages every build uses: the faces share cards are drawn in, and fontconfig to find them.
SITE_DEBS := fonts-noto-core fontconfig

.PHONY: site test test-fast serve edit check lint bench clean deps site-deps dev-deps test-deps

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# An editable install compiles nothing: the generator's modules are compiled here, once, or every command
# would compile them again where bytecode is not written (PYTHONDONTWRITEBYTECODE), some 50 ms of its start.
deps: $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q generator

# Python tools only: enough for lint and the fast tests.
dev-deps: $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test,dev]'
	$(BIN)/python -m compileall -q generator

test-deps: dev-deps site-deps
	@command -v chromium >/dev/null && command -v nginx >/dev/null && command -v java >/dev/null \
	  && fc-list | grep -q NotoNaskhArabic \
	  || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(TEST_DEBS))
	@[ -d node_modules/vnu-jar ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
	  || npm ci --no-audit --no-fund --silent

# ... and from npm, Natural Earth's countries for locator maps, and the browser editor (Decap CMS).
site-deps:
	@command -v fc-match >/dev/null && fc-list | grep -q NotoNaskhArabic-Bold \
	  && command -v npm >/dev/null \
	  || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SITE_DEBS) \
	      $$(command -v npm >/dev/null || echo nodejs npm))
	@[ -f node_modules/world-atlas/countries-110m.json ] && [ -f node_modules/decap-cms/dist/decap-cms.js ] \
	  || npm ci --omit=dev --no-audit --no-fund --silent

site: deps site-deps
	$(BIN)/python -m generator build

test: test-deps
	$(BIN)/python -m pytest -n 2

# The in-process tests: no browser, no web server, no subprocess builds, fewer property-test examples.
test-fast: dev-deps
	EXPLAINERS_FAST_TESTS=1 $(BIN)/python -m pytest -n 2 -m "not browser and not slow"

check: deps site-deps
	$(BIN)/python -m generator check

# The live preview: the generator's own, which shows a panel of the content's problems in the page (mkdocs
# serve, which it was, says them in the terminal only: an outside tester's).
serve: deps site-deps
	$(BIN)/python -m generator serve

# The browser editor on this computer: the preview, and Decap's local backend saving into content/.
edit: deps site-deps
	$(BIN)/python -m generator edit

lint: dev-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

bench: test-deps
	@command -v hugo >/dev/null && [ -x /usr/bin/time ] \
	  || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo time)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .site-* $(VENV) tests/artifacts

# Diplomat: every task a developer needs. `make` alone lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
# uv from PATH, else a private copy installed with pip into .tools/ (nothing global is touched).
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run worker test test-browser browser-deps lint format messages check-translations check check-deploy audit bench lighthouse reset ci

help: ## List the tasks
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

install: $(UV) ## Create .venv and install the locked dependencies
	$(UV) sync --frozen
	$(MANAGE) compile_translations

run: install ## Set up an SQLite database with demo content and serve http://127.0.0.1:8000
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) ensure_admin --base-url http://$(HOST):$(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install ## Run the task worker that sends (and retries) the emails to applicants
	$(MANAGE) db_worker --queue-name applications --backend applications

test: install ## Run the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
	$(UV) run --frozen pytest -m "not browser" $(ARGS)

browser-deps: ## Install Debian's Chromium, Java and the npm checkers (axe-core, vnu-jar) if missing
	bash scripts/install-browser-deps.sh

test-browser: install browser-deps ## Run the browser tests: real Chromium on the served demo site, both languages
	$(UV) run --frozen pytest -m browser tests/browser $(ARGS)

lint: install ## Check code and templates (ruff, djhtml)
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen djhtml --check $$(git ls-files '*.html')

format: install ## Format code and templates in place
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .
	$(UV) run --frozen djhtml $$(git ls-files '*.html')

MESSAGES_FLAGS ?= --no-obsolete
messages: install ## Update locale/fa/LC_MESSAGES/django.po from the code (needs GNU gettext)
	$(MANAGE) makemessages --locale fa $(MESSAGES_FLAGS) --add-location file \
		--ignore ".venv/*" --ignore ".tools/*" --ignore "var/*" --ignore "tests/*"

check-translations: install ## Fail if a Persian translation is missing, fuzzy or stale
	$(MANAGE) compile_translations --check

check: install ## Django system checks and missing migrations
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

check-deploy: install ## Django's deployment checklist against the production settings
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=diplomat.example SITE_URL=https://diplomat.example \
	RECAPTCHA_PUBLIC_KEY=check-only RECAPTCHA_PRIVATE_KEY=check-only REDIS_URL=redis://127.0.0.1:6379/0 \
	$(MANAGE) check --deploy --fail-level WARNING

audit: install ## Check the locked dependencies for known vulnerabilities (pip-audit)
	mkdir -p var
	$(UV) export --frozen --no-emit-project --all-groups --no-hashes --quiet --output-file var/requirements-audit.txt
	$(UV) run --frozen python scripts/audit_dependencies.py var/requirements-audit.txt

bench: install ## Benchmark every page type (demo and bulk data, uncached and cached) on a scratch PostgreSQL database
	bash scripts/install-bench-deps.sh
	$(UV) run --frozen python scripts/bench.py $(ARGS)

lighthouse: install browser-deps ## Lighthouse scores (mobile) of the home, a partner city and a story page, both languages
	$(UV) run --frozen python scripts/lighthouse.py $(ARGS)

reset: ## Delete the local database and media (make run rebuilds them)
	rm -rf var/db.sqlite3 var/media var/admin-password.txt

ci: ## Run what CI runs
	bash .ci/run

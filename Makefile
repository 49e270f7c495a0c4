# Set-up and checks. `make run` serves the demo hub; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint check-deploy check-migrations check-translations messages bench openapi clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) scripts/run_dev.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

check-deploy: install
	AIHUB_SECRET_KEY=check-deploy-only-$$(date +%s)-a-long-random-looking-value-for-the-check \
	AIHUB_ALLOWED_HOSTS=aihub.example \
	DJANGO_SETTINGS_MODULE=aihub.settings.production \
	$(PY) manage.py check --deploy --fail-level WARNING

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

check-translations: install
	$(PY) scripts/check_translations.py

messages: install
	$(PY) scripts/check_translations.py --update

test: lint check-deploy check-migrations check-translations
	$(PY) scripts/run_tests.py

BENCHES := bench/run.py bench/leasing/run.py bench/bookings/run.py bench/outcomes/run.py bench/calls/run.py \
	bench/matching/run.py bench/demoday/run.py bench/outbox/run.py bench/jobs/run.py

bench: install
	@failed=""; for script in $(BENCHES); do \
		echo "== $$script"; $(PY) $$script || failed="$$failed $$script"; echo; \
	done; if [ -n "$$failed" ]; then echo "Missed a target or failed:$$failed"; exit 1; fi

openapi: install
	$(PY) manage.py export_openapi > docs/openapi.json

clean:
	rm -rf $(VENV) var db.sqlite3

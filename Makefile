# bwcmeet: `make run` serves the demo on 127.0.0.1:8000, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint requirements worker bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check uv
	$(VENV)/bin/uv pip install -q -p $(PY) -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_meetings
	DEBUG=1 $(PY) manage.py bootstrap_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Tests run with DEBUG off, as production does; they need some key.
test: export SECRET_KEY ?= tests-only-not-a-secret
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py check
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

worker: $(STAMP)
	$(VENV)/bin/celery -A bwcmeet worker -l info --concurrency 2

requirements:
	$(VENV)/bin/uv pip compile -q requirements.in -o requirements.txt
	$(VENV)/bin/uv pip compile -q requirements-dev.in -o requirements-dev.txt

# The benchmark suite on PostgreSQL (DATABASE_URL; bench/README.md): results in
# bench/results/latest.{json,md}. BENCH_ARGS=--quick for a short smoke run.
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache

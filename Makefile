# Set-up and everyday commands. Everything is installed into .venv inside the checkout.
#   make run    install and start the app (fills an empty database with a small demo)
#   make test   install, then lint (ruff), type-check (mypy) and run the whole test suite headless
#   make bench  print the speed and size benchmarks
#   make build  the one-folder application in dist/FieldSafe/ (PyInstaller, build.spec)

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench build translations clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app --demo

test: $(STAMP)
	$(PY) -m ruff check app tests benchmarks scripts
	$(PY) -m mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

build: $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean build.spec

translations: $(STAMP)
	PYTHON=$(PY) scripts/update_translations.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis

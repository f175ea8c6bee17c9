PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: install install-test run test bench clean

# Idempotent: re-installs only when a requirements file changed since the last install.
install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the app's packages (torch, transformers, streamlit and more): the first install takes a few minutes, later runs start at once."
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

install-test: install $(VENV)/.installed-test $(VENV)/.installed-pipeline

$(VENV)/.installed-test: requirements-test.txt
	@echo "Installing the test tools (pytest, playwright): this takes a minute the first time."
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-test.txt
	touch $@

# transformers 4 beside the app's transformers 5, for the check that an exported
# question-answering model loads in its pipeline (see requirements-pipeline.txt).
$(VENV)/.installed-pipeline: requirements-pipeline.txt
	rm -rf $(VENV)/transformers4
	$(PY) -m pip install --disable-pip-version-check -q --no-deps --target $(VENV)/transformers4 \
		-r requirements-pipeline.txt
	touch $@

run: install
	$(PY) -m streamlit run app.py --server.port $(PORT)

# Two passes: the tests that can run side by side on $(TEST_WORKERS) processes, then those marked
# serial (a real browser, timed checks; see tests/conftest.py) alone. Both always run; the
# target fails if either does.
TEST_WORKERS ?= 2

test: install-test
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal -m "not serial"; side_by_side=$$?; \
	$(PY) -m pytest -m serial; alone=$$?; \
	test $$side_by_side -eq 0 && test $$alone -eq 0

bench: install
	$(PY) -m bench all

clean:
	rm -rf $(VENV)

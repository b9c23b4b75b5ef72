# The two commands of the README (demo, test), and the developers' fast loop (check).
# demo and test run the bootstrap first, which installs whatever is missing and is
# quick when nothing is.
.PHONY: demo test check lint

# The tests that start no heavy part (see tests/conftest.py, PART_MARKS).
FAST = not (ocr or browser or prefect or postgres or mailserver or slow)

demo:
	@scripts/bootstrap
	@.venv/bin/lotse demo

# Everything, as CI runs it: every test on SQLite and PostgreSQL, real Tesseract,
# Chromium and Prefect servers.
test:
	@scripts/bootstrap --test
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .
	@.venv/bin/mypy
	@.venv/bin/lint-imports --no-cache
	@.venv/bin/pytest --durations=25

# The fast loop while changing code: lint, format (`ruff format .` fixes it), types and
# every test that needs no OCR, browser, Prefect server or PostgreSQL, on both cores. Under
# two minutes.
check:
	@scripts/bootstrap
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .
	@.venv/bin/mypy
	@.venv/bin/lint-imports --no-cache
	@.venv/bin/pytest -q -n 2 -m "$(FAST)"

lint:
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .
	@.venv/bin/mypy
	@.venv/bin/lint-imports --no-cache

# The two commands of the README. Each runs the bootstrap first, which
# installs whatever is missing and is quick when nothing is.
.PHONY: demo test lint

demo:
	@scripts/bootstrap
	@.venv/bin/lotse demo

test:
	@scripts/bootstrap --test
	@.venv/bin/ruff check .
	@.venv/bin/mypy
	@.venv/bin/pytest

lint:
	@.venv/bin/ruff check .
	@.venv/bin/mypy

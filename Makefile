# The two commands: `make demo` (install, demo data, serve) and `make test` (the whole suite).
.PHONY: demo test lint messages lock

demo:
	./scripts/demo.sh

test:
	./scripts/test.sh

lint:
	./scripts/lint.sh

messages:
	./scripts/makemessages.sh

lock:
	.venv/bin/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements/dev.in -o requirements/lock.txt
	.venv/bin/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements/base.in -o requirements/production.txt

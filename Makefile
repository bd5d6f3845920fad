# The two commands of the README. Each installs what is missing first (scripts/toolchain.sh:
# Node and npm, npm packages, the Temporal CLI, the Java time-skipping server; cached in
# ~/.cache/parcours) and runs on the toolchain's Node, never the machine's.
SHELL := /bin/bash
.DEFAULT_GOAL := help
TOOLCHAIN = set -a && eval "$$(bash scripts/toolchain.sh)" && set +a

.PHONY: help start test typecheck rules-doc bench bench-system

help:
	@echo "make start   # Temporal dev server + UI, mail catcher, worker and API"
	@echo "make test    # every test tier: unit, workflow (time-skipping), end-to-end (dev server)"

start:
	@$(TOOLCHAIN) && exec node_modules/.bin/tsx scripts/start.ts

test:
	@$(TOOLCHAIN) && node_modules/.bin/tsc --noEmit -p tsconfig.json && node_modules/.bin/jest --ci

typecheck:
	@$(TOOLCHAIN) && npm run --silent typecheck

rules-doc:
	@$(TOOLCHAIN) && npm run --silent rules:doc

bench:
	@$(TOOLCHAIN) && npm run --silent bench

bench-system:
	@$(TOOLCHAIN) && npm run --silent bench:system

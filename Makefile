# Renewal Desk: the two commands of the README.
#   make run    installs what is missing, builds the UI and the app, opens the app
#   make test   installs what is missing, then runs every test (CI runs exactly this)
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export CARGO_TERM_COLOR ?= never

.PHONY: run test deps ui lint test-rust test-ui test-e2e test-fuzz-smoke test-fuzz bench

deps:
	bash scripts/install-deps.sh

ui: deps
	cd ui && npm run build --silent

run: ui
	bash scripts/run.sh

lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npm run check

test-rust: ui
	cargo build --locked -p renewals-cli   # the binary the CLI tests run
	cargo test --workspace --locked

test-ui: deps
	cd ui && npm test

test-e2e: ui
	CARGO_TARGET_DIR="$(CURDIR)/target" bash scripts/e2e.sh

# The CI smoke run of every fuzz target (issue 13 item 5): 60 s each, all at once, Debian's
# afl-fuzz in non-instrumented mode on the plain debug binaries `cargo test --workspace` built
# (no instrumented build in CI: docs/fuzzing.md "Cost in CI").
test-fuzz-smoke: test-rust
	FUZZ_MODE=smoke FUZZ_SECONDS=$${FUZZ_SECONDS:-60} bash scripts/fuzz.sh

# Coverage-guided runs with cargo-afl's instrumented build (fuzz/target), two targets at a
# time, 60 s each unless FUZZ_SECONDS says otherwise (the 30-minute runs: FUZZ_SECONDS=1800).
test-fuzz: deps
	WITH_FUZZ=1 bash scripts/install-deps.sh
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} bash scripts/fuzz.sh

test: lint test-rust test-ui test-e2e test-fuzz-smoke

bench:
	cargo bench -p renewal-core

#!/usr/bin/env bash
# How the Agreements table feels with 10,000 agreements (issue 5, "stays smooth"), or
# 100,000 (issue 14 item 2): the
# release build in a real window under Xvfb, driven through WebDriver (the e2e harness),
# timings taken inside the page (see e2e/bench/table.test.mjs). Writes
# artifacts/bench/table.md.
#
# Usage: BENCH_DB=/tmp/bench10k.db scripts/bench-table.sh   (BENCH_REPEAT, default 5)
# The database: see docs/benchmarks.md ("Desktop app", Method). It is copied, not changed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${BENCH_DB:?BENCH_DB must name a database with 10,000 or 100,000 agreements}"
mkdir -p "$ROOT/artifacts/bench"
E2E_RELEASE=1 E2E_DB="$BENCH_DB" E2E_SPECS=bench/ bash "$ROOT/scripts/e2e.sh"
echo "bench-table: artifacts/bench/table.md"

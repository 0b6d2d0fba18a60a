#!/usr/bin/env bash
# Takes the README's screenshot (docs/images/dashboard.png): the real app under Xvfb on a
# fresh database, the sample agreements loaded with the first-run button, the dashboard
# as of today (the real date: no fixed-date banner). Uses the e2e harness
# (scripts/e2e.sh with the spec in e2e/readme/).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E2E_TODAY="" E2E_SPECS=readme/ README_SHOT="$ROOT/docs/images/dashboard.png" bash "$ROOT/scripts/e2e.sh"
echo "screenshot: docs/images/dashboard.png"

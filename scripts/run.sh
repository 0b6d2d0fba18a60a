#!/usr/bin/env bash
# Builds and opens Renewal Desk (release, UI embedded) on the database in the user's data
# folder (~/.local/share/renewal-desk/renewal-desk.db on Linux; RENEWAL_DESK_DB overrides).
# Needs ui/dist (make ui) and a display. Extra arguments go to the app.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[ -f ui/dist/index.html ] || (cd ui && npm run build --silent)
echo "run: building Renewal Desk (release; the first build takes several minutes)"
cargo build --release --locked -p renewal-desk --features custom-protocol
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display (DISPLAY/WAYLAND_DISPLAY unset). On a headless machine try:" >&2
  echo "     xvfb-run -a make run    (or use the renewals CLI: cargo run -p renewals-cli -- --help)" >&2
  exit 1
fi
exec "$ROOT/target/release/renewal-desk" "$@"

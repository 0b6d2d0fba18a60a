#!/usr/bin/env bash
# End-to-end test of the REAL Renewal Desk window.
#
# Builds the UI and the app (debug, assets embedded), starts Xvfb, a private D-Bus
# session and tauri-driver (which drives Debian's WebKitWebDriver, which starts the
# app), runs the WebdriverIO specs in e2e/specs with node's test runner, and saves a
# screenshot of every step in artifacts/e2e/. Everything it started is stopped on
# exit, also on failure or Ctrl-C.
#
# The app runs with a throw-away HOME (window state, autostart entry, data folder),
# an empty RENEWAL_DESK_DB=<tmp>/e2e.db and RENEWAL_DESK_TODAY=2026-11-23 (the worked
# example's date). The specs run in order: 01-scenario imports ../shared/seeds through
# the real file dialog (answered with xdotool), 02-shell uses what it imported, 03-desktop
# drives the tray (over D-Bus, as a tray host) and the buttons of real notifications
# (dunst on the private bus), 04-people-mail the people directory and the mail settings
# against an SMTP server on loopback (python3-aiosmtpd), with the `renewals` CLI's email run,
# 05-new-agreement an agreement entered by hand, its dates before saving and on the dashboard,
# 06-review the review of what was read, 07-register a register spreadsheet (.xlsx written by
# crates/renewal-core/examples/write_xlsx.rs) through the mapping step, and its export.
#
# Usage: scripts/e2e.sh            (needs scripts/install-deps.sh to have run)
# Env:   CARGO_TARGET_DIR (default target), E2E_SKIP_BUILD=1, E2E_PORT (4444),
#        E2E_RELEASE=1 (drive the release build; scripts/bench-table.sh),
#        E2E_DB (a database file to start from, copied; default: an empty one),
#        E2E_SPECS (default specs/: the spec files or folder to run),
#        E2E_TODAY (default 2026-11-23; empty: the real date)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib-x.sh
. "$ROOT/scripts/lib-x.sh"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
ART="$ROOT/artifacts/e2e"
PORT="${E2E_PORT:-4444}"
PROFILE=debug
[ "${E2E_RELEASE:-0}" = 1 ] && PROFILE=release
APP="$CARGO_TARGET_DIR/$PROFILE/renewal-desk"
WORK=$(mktemp -d /tmp/renewal-desk-e2e.XXXXXX)
XVFB_PID="" DRIVER_PID="" DBUS_SESSION_BUS_PID="" DUNST_PID=""

cleanup() {
  local status=$?
  kill_tree "$DRIVER_PID"
  kill_tree "$DUNST_PID"
  [ -n "$DBUS_SESSION_BUS_PID" ] && kill "$DBUS_SESSION_BUS_PID" 2>/dev/null || true
  kill_tree "$XVFB_PID"
  rm -rf "$WORK"
  if [ "$status" -eq 0 ]; then echo "e2e: passed; screenshots in ${ART#"$ROOT"/}"; else echo "e2e: FAILED (exit $status); screenshots and logs in ${ART#"$ROOT"/}" >&2; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in Xvfb dbus-launch WebKitWebDriver tauri-driver node import xdotool pdftotext dunst dunstctl gdbus python3; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing; run scripts/install-deps.sh" >&2; exit 1; }
done

rm -rf "$ART" && mkdir -p "$ART"
t0=$(date +%s)

if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
  echo "e2e: building the UI"
  [ -d "$ROOT/ui/node_modules" ] || (cd "$ROOT/ui" && npm install --no-audit --no-fund)
  (cd "$ROOT/ui" && npm run build --silent)
  echo "e2e: building the app ($PROFILE)"
  if [ "$PROFILE" = release ]; then
    cargo build --release --manifest-path "$ROOT/src-tauri/Cargo.toml" --features custom-protocol
    cargo build --release -p renewals-cli
  else
    cargo build --manifest-path "$ROOT/src-tauri/Cargo.toml" --features custom-protocol
    cargo build -p renewals-cli
  fi
  # 07-register writes its .xlsx register with rust_xlsxwriter through this example.
  cargo build -p renewal-core --example write_xlsx
fi
[ -d "$ROOT/e2e/node_modules" ] || (cd "$ROOT/e2e" && npm install --no-audit --no-fund)
t_built=$(date +%s)

n=$(free_display 99)
start_xvfb "$n" "$ART/xvfb.log"
start_dbus
echo "e2e: Xvfb on $DISPLAY, D-Bus at $DBUS_SESSION_BUS_ADDRESS"

# The notification server: the app's reminders are shown by dunst, and 03-desktop clicks
# their buttons through dunst's context menu, answered by e2e/bin/dunst-pick.
cat >"$WORK/dunstrc" <<DUNSTRC
[global]
    dmenu = $ROOT/e2e/bin/dunst-pick
    font = DejaVu Sans 9
DUNSTRC
E2E_WORK="$WORK" setsid dunst -config "$WORK/dunstrc" >"$ART/dunst.log" 2>&1 &
DUNST_PID=$!
for _ in $(seq 1 50); do
  dunstctl count displayed >/dev/null 2>&1 && break
  sleep 0.1
done

mkdir -p "$WORK/home"
[ -n "${E2E_DB:-}" ] && cp "$E2E_DB" "$WORK/e2e.db"
# setsid: tauri-driver, WebKitWebDriver, the app and WebKit's helpers share one process
# group, so cleanup stops them all.
HOME="$WORK/home" RENEWAL_DESK_DB="$WORK/e2e.db" RENEWAL_DESK_TODAY="${E2E_TODAY-2026-11-23}" RUST_LOG=info RENEWAL_DESK_LOG="$ART/app.log" \
  setsid tauri-driver --port "$PORT" --native-driver "$(command -v WebKitWebDriver)" >"$ART/tauri-driver.log" 2>&1 &
DRIVER_PID=$!
wait_port "$PORT" 20

echo "e2e: running specs"
(
  cd "$ROOT/e2e"
  E2E_APP="$APP" E2E_CLI="$CARGO_TARGET_DIR/$PROFILE/renewals" E2E_PORT="$PORT" E2E_ARTIFACTS="$ART" E2E_HOME="$WORK/home" RENEWAL_DESK_DB="$WORK/e2e.db" \
    E2E_SEEDS="$(cd "$ROOT/../shared/seeds" && pwd)" E2E_WORK="$WORK" \
    node --test --test-concurrency=1 --test-reporter=spec ${E2E_SPECS:-specs/}
)
t_end=$(date +%s)
echo "e2e: build $((t_built - t0))s, specs $((t_end - t_built))s; $(ls "$ART"/*.png | wc -l) screenshots"

#!/usr/bin/env bash
# First paint and memory of Renewal Desk beside a bare Tauri 2 window, measured in
# the same run on the same Xvfb display (issue 5, performance).
#
# Builds both in release (bench/bare-window: an empty page), then starts each one
# BENCH_RUNS times, alternating, each with a fresh HOME, and prints a markdown table.
#
# Method
#   * First paint: the script notes the wall clock (ns) just before it starts the
#     binary. Each page, two requestAnimationFrame callbacks after its first render
#     (the second runs only once the first frame has been painted), calls a command
#     (`ui_ready` in Renewal Desk, `first_paint` in the bare window) that appends
#     the wall clock (ns) to the file in RENEWAL_DESK_BENCH_MARKER.
#     first paint = marker - start. Both clocks are CLOCK_REALTIME on one machine.
#   * Memory: BENCH_SETTLE seconds after the first paint, the proportional set size
#     (Pss in /proc/PID/smaps_rollup) summed over every process of the app's session
#     (it is started with setsid): the app itself and WebKit's WebKitWebProcess and
#     WebKitNetworkProcess. PSS splits shared pages between the processes that map
#     them, so the sum is not inflated by shared libraries.
#   * Budget (issue 5, with 10,000 agreements loaded): Renewal Desk's median first
#     paint <= 1.5 x the bare window's, and median PSS <= bare + 80 MB.
#
#   * Rendering (BENCH_RENDERING): "shipped" (default) runs each as it ships: Renewal
#     Desk renders on the CPU (it sets WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 itself), the
#     bare window keeps WebKit's default (Skia on the GPU). "cpu" and "gpu" run BOTH the
#     same way, like for like: cpu sets WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 for both; gpu
#     sets RENEWAL_DESK_GPU_RENDERING=1 so Renewal Desk keeps WebKit's default too.
#
#   * Agreements view (BENCH_OPEN_AGREEMENTS=1): after the memory sample, Renewal Desk's
#     window is given the keyboard focus and sent Alt+2 (the Agreements view) with
#     xdotool; the time until the app logs "agreements table computed" (the table is
#     computed on its first request) is noted, then BENCH_SETTLE seconds later the PSS
#     is sampled again: "after Agreements" in the report, beside the same bare-window
#     median.
#
# Env: BENCH_RUNS (5), BENCH_SETTLE (2 s), BENCH_RENDERING (shipped), BENCH_DB (database for Renewal Desk, e.g.
#      one holding 10,000 agreements; default: an empty temp file path),
#      BENCH_TODAY (RENEWAL_DESK_TODAY for Renewal Desk), BENCH_SKIP_BUILD=1,
#      BENCH_ENFORCE=1 (exit 1 when over budget), CARGO_TARGET_DIR (target).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib-x.sh
. "$ROOT/scripts/lib-x.sh"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
RUNS="${BENCH_RUNS:-5}"
SETTLE="${BENCH_SETTLE:-2}"
ART="$ROOT/artifacts/bench"
WORK=$(mktemp -d /tmp/renewal-desk-bench.XXXXXX)
APP_BIN="$CARGO_TARGET_DIR/release/renewal-desk"
BARE_BIN="$CARGO_TARGET_DIR/release/bare-window"
XVFB_PID="" DBUS_SESSION_BUS_PID="" RUN_PID=""

cleanup() {
  local status=$?
  kill_tree "$RUN_PID"
  [ -n "$DBUS_SESSION_BUS_PID" ] && kill "$DBUS_SESSION_BUS_PID" 2>/dev/null || true
  kill_tree "$XVFB_PID"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$ART"
rm -f "$ART"/*.log "$ART"/*.png "$ART"/samples.txt "$ART"/report.md

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  t0=$(date +%s)
  [ -d "$ROOT/ui/node_modules" ] || (cd "$ROOT/ui" && npm ci --no-audit --no-fund)
  (cd "$ROOT/ui" && npm run build --silent)
  cargo build --release --features custom-protocol --manifest-path "$ROOT/src-tauri/Cargo.toml"
  t1=$(date +%s)
  cargo build --release --features custom-protocol --manifest-path "$ROOT/bench/bare-window/Cargo.toml"
  t2=$(date +%s)
  echo "bench: release builds: renewal-desk $((t1 - t0))s, bare-window $((t2 - t1))s" >&2
fi

n=$(free_display 99)
start_xvfb "$n" "$ART/xvfb.log"
start_dbus

# Sum of Pss (kB) over the processes whose session id is $1, as "total app web net other".
pss_of_session() {
  local sid=$1 total=0 app=0 web=0 net=0 other=0 p kb comm
  for stat in /proc/[0-9]*/stat; do
    p=${stat#/proc/}; p=${p%/stat}
    # field 6 of /proc/PID/stat is the session id; comm (field 2) may contain spaces.
    { read -r line <"$stat"; } 2>/dev/null || continue  # the process may have gone
    local rest=${line##*) }
    # shellcheck disable=SC2086
    set -- $rest
    [ "${4:-}" = "$sid" ] || continue
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    [ -n "$kb" ] || kb=0
    comm=$(cat "/proc/$p/comm" 2>/dev/null || echo "?")
    total=$((total + kb))
    case "$comm" in
      WebKitWebProces*) web=$((web + kb)) ;;
      WebKitNetworkPr*) net=$((net + kb)) ;;
      renewal-desk|bare-window) app=$((app + kb)) ;;
      *) other=$((other + kb)) ;;
    esac
  done
  echo "$total $app $web $net $other"
}

# Starts $2 once; sets SAMPLE="first_paint_ms total_kB app_kB web_kB net_kB other_kB".
# Runs in the main shell (not in $(...)) so cleanup always knows RUN_PID.
measure() {
  local name=$1 bin=$2 home="$WORK/$1-$RANDOM" start_ns paint_ns
  mkdir -p "$home"
  local -a env=(HOME="$home" RENEWAL_DESK_BENCH_MARKER="$home/marker" RUST_LOG="${BENCH_RUST_LOG:-info}" RENEWAL_DESK_LOG="$ART/$name.log")
  case "${BENCH_RENDERING:-shipped}" in
    shipped) ;;
    cpu) env+=(WEBKIT_SKIA_ENABLE_CPU_RENDERING=1) ;;
    gpu) env+=(RENEWAL_DESK_GPU_RENDERING=1) ;;
    *) echo "bench: BENCH_RENDERING must be shipped, cpu or gpu" >&2; exit 2 ;;
  esac
  if [ "$name" = renewal-desk ]; then
    env+=(RENEWAL_DESK_DB="${BENCH_DB:-$home/bench.db}")
    [ -n "${BENCH_APP_ENV:-}" ] && env+=($BENCH_APP_ENV)
    [ -n "${BENCH_TODAY:-}" ] && env+=(RENEWAL_DESK_TODAY="$BENCH_TODAY")
  fi
  start_ns=$(date +%s%N)
  env "${env[@]}" setsid "$bin" >>"$ART/$name.log" 2>&1 &
  RUN_PID=$!
  for _ in $(seq 1 600); do
    [ -s "$home/marker" ] && break
    kill -0 "$RUN_PID" 2>/dev/null || { echo "bench: $name exited before its first paint (see $ART/$name.log)" >&2; exit 1; }
    sleep 0.05
  done
  [ -s "$home/marker" ] || { echo "bench: $name did not paint within 30 s" >&2; exit 1; }
  paint_ns=$(head -n1 "$home/marker")
  sleep "$SETTLE"
  local mem
  mem=$(pss_of_session "$RUN_PID")  # a read-only look at /proc, safe in a subshell
  if [ "${BENCH_SCREENSHOT:-1}" = 1 ] && [ ! -e "$ART/$name.png" ]; then
    import -window root "$ART/$name.png" 2>/dev/null || true
  fi
  OPENED=""
  if [ "$name" = renewal-desk ] && [ "${BENCH_OPEN_AGREEMENTS:-0}" = 1 ]; then
    local before key_ns done_ns=0 win mem2
    before=$(grep -c "agreements table computed" "$ART/$name.log" || true)
    win=$(xdotool search --onlyvisible --name '^Renewal Desk$' 2>/dev/null | tail -n1)
    [ -n "$win" ] || { echo "bench: no Renewal Desk window to open Agreements in" >&2; exit 1; }
    key_ns=$(date +%s%N)
    xdotool windowfocus --sync "$win" key --clearmodifiers alt+2
    for _ in $(seq 1 1200); do
      if [ "$(grep -c "agreements table computed" "$ART/$name.log" || true)" -gt "$before" ]; then
        done_ns=$(date +%s%N)
        break
      fi
      sleep 0.05
    done
    [ "$done_ns" -gt 0 ] || { echo "bench: the agreements table was not computed within 60 s of Alt+2" >&2; exit 1; }
    sleep "$SETTLE"
    mem2=$(pss_of_session "$RUN_PID")
    if [ "${BENCH_SCREENSHOT:-1}" = 1 ] && [ ! -e "$ART/$name-agreements.png" ]; then
      import -window root "$ART/$name-agreements.png" 2>/dev/null || true
    fi
    OPENED="$(( (done_ns - key_ns) / 1000000 )) $mem2"
  fi
  kill_tree "$RUN_PID"
  RUN_PID=""
  SAMPLE="$(( (paint_ns - start_ns) / 1000000 )) $mem"
}

: >"$ART/samples.txt"
: >"$ART/opened.txt"
# One unrecorded warm-up start of each (page cache, fontconfig cache in the fresh HOME).
measure bare-window "$BARE_BIN"
measure renewal-desk "$APP_BIN"
for i in $(seq 1 "$RUNS"); do
  for name in bare-window renewal-desk; do
    bin=$BARE_BIN; [ "$name" = renewal-desk ] && bin=$APP_BIN
    measure "$name" "$bin"
    echo "$name $SAMPLE" | tee -a "$ART/samples.txt" >&2
    [ -n "$OPENED" ] && echo "agreements $OPENED" | tee -a "$ART/opened.txt" >&2
  done
done

# Median of the numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print 0} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
col() { awk -v n="$1" -v c="$2" '$1==n {print $c}' "$ART/samples.txt"; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }

declare -A FP PSS
for name in bare-window renewal-desk; do
  FP[$name]=$(col "$name" 2 | median)
  PSS[$name]=$(col "$name" 3 | median)
done
ratio=$(awk -v a="${FP[renewal-desk]}" -v b="${FP[bare-window]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
extra=$(awk -v a="${PSS[renewal-desk]}" -v b="${PSS[bare-window]}" 'BEGIN {printf "%.1f", (a - b) / 1024}')
{
  echo "| app | runs | first paint median (ms) | min–max (ms) | PSS median (MB) | app (MB) | WebKitWebProcess (MB) | WebKitNetworkProcess (MB) | other (MB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in bare-window renewal-desk; do
    range="$(col "$name" 2 | sort -n | head -n1)–$(col "$name" 2 | sort -n | tail -n1)"
    echo "| $name | $RUNS | ${FP[$name]} | $range | $(mb "${PSS[$name]}") | $(mb "$(col "$name" 4 | median)") | $(mb "$(col "$name" 5 | median)") | $(mb "$(col "$name" 6 | median)") | $(mb "$(col "$name" 7 | median)") |"
  done
  echo
  echo "Renewal Desk vs bare window: first paint ${ratio}x (budget 1.5x), PSS +${extra} MB (budget 80 MB); rendering: ${BENCH_RENDERING:-shipped}."
  if [ -s "$ART/opened.txt" ]; then
    open_ms=$(awk '{print $2}' "$ART/opened.txt" | median)
    open_pss=$(awk '{print $3}' "$ART/opened.txt" | median)
    echo
    echo "After Alt+2 (Agreements; $(wc -l <"$ART/opened.txt") runs): key to table computed median ${open_ms} ms ($(awk '{print $2}' "$ART/opened.txt" | sort -n | head -n1)–$(awk '{print $2}' "$ART/opened.txt" | sort -n | tail -n1)), PSS median $(mb "$open_pss") MB (app $(mb "$(awk '{print $4}' "$ART/opened.txt" | median)"), WebKitWebProcess $(mb "$(awk '{print $5}' "$ART/opened.txt" | median)")): +$(awk -v a="$open_pss" -v b="${PSS[bare-window]}" 'BEGIN {printf "%.1f", (a - b) / 1024}') MB above the bare window."
  fi
  echo "Database: ${BENCH_DB:-empty}. Machine: $(nproc) cores, $(uname -r), WebKitGTK $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo '?')."
} | tee "$ART/report.md"

over=$(awk -v r="$ratio" -v e="$extra" 'BEGIN {print (r > 1.5 || e > 80) ? 1 : 0}')
if [ "$over" = 1 ]; then
  echo "bench: OVER BUDGET" >&2
  [ "${BENCH_ENFORCE:-0}" = 1 ] && exit 1
fi
exit 0

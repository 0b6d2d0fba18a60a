#!/usr/bin/env bash
# Fuzzing of the document readers, the date/period/money parsers, the register reader and the
# renewal brief (issue 13 item 5) with AFL++, on the stable toolchain. Two modes:
#
#   scripts/fuzz.sh                      coverage-guided, 60 s per target, two at a time
#   FUZZ_SECONDS=1800 scripts/fuzz.sh    the 30-minute runs of docs/fuzzing.md
#   scripts/fuzz.sh brief pdf            only these targets
#   FUZZ_MODE=smoke scripts/fuzz.sh      the CI smoke run (`make test`): every target at once
#                                        for 60 s, without instrumentation
#
# Coverage-guided (the default, FUZZ_MODE=afl): builds the fuzz crate with cargo-afl
# (`cargo afl build --release -p renewal-fuzz --features afl`; target dir fuzz/target, never the
# main one: the instrumented build is its own), then runs each target with `cargo afl fuzz`
# (AFL++'s afl-fuzz as cargo-afl built it, the version of the runtime linked into the targets).
# Needs cargo-afl (`WITH_FUZZ=1 scripts/install-deps.sh`).
#
# Smoke (FUZZ_MODE=smoke): the plain debug binaries `fuzz-<target>` that `cargo test
# --workspace` already built in the main target dir (overflow checks and debug assertions on),
# run by Debian's afl-fuzz in non-instrumented mode (`-n`: AFL++'s mutations, no coverage
# feedback), so CI pays no instrumented build (15-25 min cold, docs/fuzzing.md). Each binary
# reads one input from standard input and aborts on a panic that escapes (`run_once`).
#
# Both: seeds from fuzz/seeds/<target>/, a memory cap of FUZZ_MEM_MB (512) MB and a timeout of
# FUZZ_TIMEOUT_MS (5000) ms per input. Input that needs more memory than the cap aborts the
# target and is saved as a crash; input that runs past the timeout is saved as a hang.
#
# Prints one line per target (time, execs, corpus, crashes, hangs) and exits 1 when any
# target saved a crash or a hang, or could not be run. Findings stay in
# FUZZ_OUT/<target>/default/{crashes,hangs}/ (replay one with `fuzz/target/release/fuzz-<target>
# < FILE`, or `target/debug/fuzz-<target> < FILE` for the smoke run's).
#
# Env: FUZZ_MODE (afl | smoke), FUZZ_SECONDS (60), FUZZ_JOBS (2 targets at a time; smoke: all),
#      FUZZ_MEM_MB (512), FUZZ_TIMEOUT_MS (5000), FUZZ_OUT (/tmp/renewal-fuzz), FUZZ_NICE (0:
#      the niceness of the fuzzers), FUZZ_SKIP_BUILD=1, FUZZ_RESUME=1 (go on from FUZZ_OUT's
#      queues).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FUZZ="$ROOT/fuzz"
ALL_TARGETS=(markdown text docx pdf parse brief register)
SECONDS_EACH="${FUZZ_SECONDS:-60}"
JOBS="${FUZZ_JOBS:-2}"
MEM_MB="${FUZZ_MEM_MB:-512}"
TIMEOUT_MS="${FUZZ_TIMEOUT_MS:-5000}"
OUT="${FUZZ_OUT:-/tmp/renewal-fuzz}"
NICE="${FUZZ_NICE:-0}"
MODE="${FUZZ_MODE:-afl}"

if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
for t in "${TARGETS[@]}"; do
  [ -d "$FUZZ/seeds/$t" ] || { echo "fuzz: unknown target $t (targets: ${ALL_TARGETS[*]})" >&2; exit 2; }
done
if [ "$MODE" = smoke ]; then
  command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz is missing (Debian's afl++: bash scripts/install-deps.sh)" >&2; exit 2; }
  BIN_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
  JOBS="${FUZZ_JOBS:-${#TARGETS[@]}}"
  if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    # What `cargo test --workspace` builds (a no-op after it): the plain binaries come with
    # the fuzz crate's seed test.
    (cd "$ROOT" && cargo test --locked --workspace --no-run >/dev/null 2>&1) ||
      (cd "$ROOT" && cargo test --locked --workspace --no-run)
  fi
  FUZZ_CMD=(afl-fuzz -n)
  # No instrumentation to check for, and no fork server: each input is a fresh process.
  export AFL_SKIP_BIN_CHECK=1
elif [ "$MODE" = afl ]; then
  command -v cargo-afl >/dev/null || { echo "fuzz: cargo-afl is missing (WITH_FUZZ=1 bash scripts/install-deps.sh)" >&2; exit 2; }
  # The fuzz crate's own target dir, whatever CARGO_TARGET_DIR the caller set for the main one.
  export CARGO_TARGET_DIR="$FUZZ/target"
  BIN_DIR="$CARGO_TARGET_DIR/release"
  if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    t0=$(date +%s)
    (cd "$ROOT" && cargo afl build --release --locked -p renewal-fuzz --features afl --bins)
    echo "fuzz: build $(($(date +%s) - t0)) s" >&2
  fi
  FUZZ_CMD=(cargo afl fuzz)
else
  echo "fuzz: FUZZ_MODE is afl or smoke, not $MODE" >&2
  exit 2
fi

# In a container: no CPU frequency governor, core dumps may go to a pipe, no terminal, and the
# cores are shared (no binding to a free one).
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
  AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=0 AFL_QUIET=1

mkdir -p "$OUT"
run_one() {
  local t=$1 dir="$OUT/$1" input="$FUZZ/seeds/$1"
  if [ "${FUZZ_RESUME:-0}" = 1 ] && [ -d "$dir/default/queue" ]; then
    input=-
  else
    rm -rf "$dir"
  fi
  mkdir -p "$dir"
  # -V: stop after SECONDS_EACH seconds of fuzzing; -m: memory cap (MB); -t: timeout (ms).
  nice -n "$NICE" "${FUZZ_CMD[@]}" -i "$input" -o "$dir" -m "$MEM_MB" -t "$TIMEOUT_MS" \
    -V "$SECONDS_EACH" -- "$BIN_DIR/fuzz-$t" >"$OUT/$t.log" 2>&1
}

# Run the targets, JOBS at a time.
declare -A PIDS=()
failed_to_run=()
for t in "${TARGETS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
  echo "fuzz: $t for ${SECONDS_EACH} s (memory ${MEM_MB} MB, timeout ${TIMEOUT_MS} ms)" >&2
  run_one "$t" &
  PIDS[$t]=$!
done
for t in "${TARGETS[@]}"; do
  wait "${PIDS[$t]}" || failed_to_run+=("$t")
done

# AFL++ 4.40 (cargo-afl) writes under OUT/<target>/default/, Debian's 4.04c in -n mode
# under OUT/<target>/, and only plot_data there (no fuzzer_stats when -V ends the run).
base_of() { if [ -d "$OUT/$1/default" ]; then echo "$OUT/$1/default"; else echo "$OUT/$1"; fi; }
stat_of() {
  local b v
  b=$(base_of "$1")
  v=$(sed -n "s/^$2 *: *//p" "$b/fuzzer_stats" 2>/dev/null | head -n1)
  if [ -z "$v" ] && [ -f "$b/plot_data" ]; then
    # plot_data: relative_time, cycles_done, cur_item, corpus_count, ..., execs_per_sec (11),
    # total_execs (12)
    local col
    case $2 in run_time) col=1 ;; corpus_count) col=4 ;; execs_per_sec) col=11 ;; execs_done) col=12 ;; esac
    v=$(grep -v '^#' "$b/plot_data" | tail -n1 | cut -d, -f"$col" | tr -d ' ')
  fi
  echo "$v"
}
count() { find "$(base_of "$1")/$2" -maxdepth 1 -type f -name 'id:*' 2>/dev/null | wc -l; }
status=0
printf '%-9s %9s %12s %9s %7s %7s %6s\n' target seconds execs exec/s corpus crashes hangs
for t in "${TARGETS[@]}"; do
  crashes=$(count "$t" crashes)
  hangs=$(count "$t" hangs)
  printf '%-9s %9s %12s %9s %7s %7s %6s\n' "$t" "$(stat_of "$t" run_time)" \
    "$(stat_of "$t" execs_done)" "$(stat_of "$t" execs_per_sec)" "$(stat_of "$t" corpus_count)" \
    "$crashes" "$hangs"
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    echo "fuzz: $t found $crashes crash(es), $hangs hang(s): $(base_of "$t")/{crashes,hangs}/" >&2
    status=1
  fi
done
for t in "${failed_to_run[@]}"; do
  echo "fuzz: afl-fuzz failed on $t; the end of $OUT/$t.log:" >&2
  tail -n 20 "$OUT/$t.log" >&2
  status=1
done
[ "$status" = 0 ] && echo "fuzz ($MODE): 0 crashes, 0 hangs in ${#TARGETS[@]} targets" >&2
exit "$status"

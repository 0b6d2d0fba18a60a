#!/usr/bin/env bash
# Coverage-guided fuzzing of the document readers, the date/period/money parsers and the
# renewal brief (issue 13 item 5), with AFL++ through cargo-afl on the stable toolchain.
#
#   scripts/fuzz.sh                      60 s per target, two at a time (the CI smoke run)
#   FUZZ_SECONDS=1800 scripts/fuzz.sh    the 30-minute runs of docs/fuzzing.md
#   scripts/fuzz.sh brief pdf            only these targets
#
# Builds fuzz/ (its own workspace; target dir fuzz/target, never the main one) with
# `cargo afl build --release`, then runs each target with `cargo afl fuzz` (AFL++'s afl-fuzz
# as cargo-afl built it, the same version as the runtime linked into the targets) from its
# seeds in fuzz/seeds/<target>/, with a memory cap of FUZZ_MEM_MB (512) MB and a timeout of
# FUZZ_TIMEOUT_MS (5000) ms per input. Input that needs more memory than the cap aborts the
# target and is saved as a crash; input that runs past the timeout is saved as a hang.
#
# Prints one line per target (time, execs, corpus, crashes, hangs) and exits 1 when any
# target saved a crash or a hang, or could not be run. Findings stay in
# FUZZ_OUT/<target>/default/{crashes,hangs}/ (replay one with `fuzz/target/release/<target> < FILE`).
#
# Env: FUZZ_SECONDS (60), FUZZ_JOBS (2 targets at a time), FUZZ_MEM_MB (512),
#      FUZZ_TIMEOUT_MS (5000), FUZZ_OUT (/tmp/renewal-fuzz), FUZZ_NICE (0: the niceness of the
#      fuzzers), FUZZ_SKIP_BUILD=1, FUZZ_RESUME=1 (go on from FUZZ_OUT's queues).
# Needs cargo-afl (scripts/install-deps.sh installs it: `cargo install cargo-afl`, which also
# builds its AFL++).
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

if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
for t in "${TARGETS[@]}"; do
  [ -d "$FUZZ/seeds/$t" ] || { echo "fuzz: unknown target $t (targets: ${ALL_TARGETS[*]})" >&2; exit 2; }
done
command -v cargo-afl >/dev/null || { echo "fuzz: cargo-afl is missing (bash scripts/install-deps.sh)" >&2; exit 2; }

# The fuzz crate's own target dir, whatever CARGO_TARGET_DIR the caller set for the main one.
export CARGO_TARGET_DIR="$FUZZ/target"
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  t0=$(date +%s)
  (cd "$FUZZ" && cargo afl build --release --locked --bins)
  echo "fuzz: build $(($(date +%s) - t0)) s" >&2
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
  nice -n "$NICE" cargo afl fuzz -i "$input" -o "$dir" -m "$MEM_MB" -t "$TIMEOUT_MS" \
    -V "$SECONDS_EACH" -- "$CARGO_TARGET_DIR/release/$t" >"$OUT/$t.log" 2>&1
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

stat_of() { sed -n "s/^$2 *: *//p" "$OUT/$1/default/fuzzer_stats" 2>/dev/null | head -n1; }
count() { find "$OUT/$1/default/$2" -maxdepth 1 -type f -name 'id:*' 2>/dev/null | wc -l; }
status=0
printf '%-9s %9s %12s %9s %7s %7s %6s\n' target seconds execs exec/s corpus crashes hangs
for t in "${TARGETS[@]}"; do
  crashes=$(count "$t" crashes)
  hangs=$(count "$t" hangs)
  printf '%-9s %9s %12s %9s %7s %7s %6s\n' "$t" "$(stat_of "$t" run_time)" \
    "$(stat_of "$t" execs_done)" "$(stat_of "$t" execs_per_sec)" "$(stat_of "$t" corpus_count)" \
    "$crashes" "$hangs"
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    echo "fuzz: $t found $crashes crash(es), $hangs hang(s): $OUT/$t/default/{crashes,hangs}/" >&2
    status=1
  fi
done
for t in "${failed_to_run[@]}"; do
  echo "fuzz: afl-fuzz failed on $t; the end of $OUT/$t.log:" >&2
  tail -n 20 "$OUT/$t.log" >&2
  status=1
done
[ "$status" = 0 ] && echo "fuzz: 0 crashes, 0 hangs in ${#TARGETS[@]} targets" >&2
exit "$status"

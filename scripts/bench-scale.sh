#!/usr/bin/env bash
# Scale benchmark (issue 14 items 1, 2 and 5): every streamed command at 100,000 and 10,000
# agreements against a bare `sqlite3` scan of all the rows of the same database, measured in
# the same run. Method and figures: docs/benchmarks.md, "Scale: 100,000 agreements (issue 14)".
#
#   scripts/bench-scale.sh                   builds (release), makes or reuses the databases
#   SCALE_SKIP_BUILD=1 scripts/bench-scale.sh
#
# Databases: SCALE_SIZES (default "100000 10000") generated documents
# (`cargo run --release -p renewal-core --example generate`, as scripts/load-test.sh makes
# them: varied types, countries, terms, notice periods, obligations) imported with
# `renewals import` in batches of 2,000, cached as $SCALE_DB_DIR/renewal-scale-N.db (/tmp) and
# reused while the file exists (delete it to make it again, e.g. after a schema change; a
# newer binary migrates it on its first run, before the timed runs).
#
# Each round (SCALE_RUNS rounds, default 3) runs, one after the other on the same database:
#   * the bare scan: `sqlite3 -readonly DB "SELECT * FROM t;"` for every table of the
#     database, written to /dev/null: every row of every table read and printed once;
#   * each command, output to /dev/null (or to a file in a temporary folder for the commands
#     that write files), as of SCALE_TODAY (2026-11-23).
# Every run is timed with GNU time (`/usr/bin/time -f "%e %M"`: elapsed seconds, peak RSS in
# KB). The report gives each command's median time and peak RSS, and its ratio to the bare
# scan's median of the same rounds (target: at most 2x, at most 200 MB).
# `brief --all` writes one PDF per agreement: it is measured on the first SCALE_BRIEF (1,000)
# agreements' copy of the database only when SCALE_BRIEF is set (its cost is the PDFs').
# Then `assess_many` on one thread and on all (examples/assess_threads.rs), when built.
#
# Output: artifacts/scale/report.md (and the raw samples in artifacts/scale/samples.tsv).
#
# Env: SCALE_SIZES, SCALE_RUNS, SCALE_TODAY, SCALE_DB_DIR, SCALE_SKIP_BUILD=1, SCALE_BIN (the
#      renewals binary), SCALE_GEN (the generator binary), SCALE_BRIEF, CARGO_TARGET_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
SIZES="${SCALE_SIZES:-100000 10000}"
RUNS="${SCALE_RUNS:-3}"
TODAY="${SCALE_TODAY:-2026-11-23}"
DB_DIR="${SCALE_DB_DIR:-/tmp}"
BIN="${SCALE_BIN:-$CARGO_TARGET_DIR/release/renewals}"
GEN_BIN="${SCALE_GEN:-$CARGO_TARGET_DIR/release/examples/generate}"
THREADS_BIN="$CARGO_TARGET_DIR/release/examples/assess_threads"
ART="$ROOT/artifacts/scale"
WORK=$(mktemp -d /tmp/renewal-scale.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

for tool in sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "scale: $tool is missing" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "scale: GNU time (/usr/bin/time) is missing: apt-get install time" >&2; exit 1; }

if [ "${SCALE_SKIP_BUILD:-0}" != 1 ]; then
  cargo build --release --locked -p renewals-cli
  cargo build --release --locked -p renewal-core --example generate --example assess_threads
fi
mkdir -p "$ART"
: >"$ART/samples.tsv"
log() { echo "scale: $*" >&2; }

# make_db N PATH: N generated documents imported in batches of 2,000.
make_db() {
  local n=$1 db=$2 docs="$WORK/docs-$1"
  log "making $db: generating and importing $n documents"
  "$GEN_BIN" "$n" "$docs" >/dev/null
  rm -f "$db" "$db-wal" "$db-shm"
  local t0
  t0=$(date +%s)
  (cd "$docs" && find . -name '*.md' | sort | xargs -n 2000 "$BIN" --db "$db" --today "$TODAY" import >/dev/null)
  sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  log "imported $n in $(($(date +%s) - t0)) s"
  rm -rf "$docs"
}

# measure N NAME CMD...: one timed run, appended to samples.tsv as N, NAME, seconds, KB.
measure() {
  local n=$1 name=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
    log "$name failed: $(tail -n 3 "$WORK/stderr")"
    return 1
  }
  read -r secs kb < <(tail -n 1 "$WORK/time")
  printf '%s\t%s\t%s\t%s\n' "$n" "$name" "$secs" "$kb" >>"$ART/samples.tsv"
}

for N in $SIZES; do
  DB="$DB_DIR/renewal-scale-$N.db"
  [ -s "$DB" ] || make_db "$N" "$DB"
  # Migrates a database made by an older build, and warms the page cache.
  "$BIN" --db "$DB" --today "$TODAY" list --jsonl >/dev/null
  sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  count=$(sqlite3 "$DB" 'SELECT count(*) FROM agreements')
  size_mb=$(du -m "$DB" | cut -f1)
  echo -e "$N\tdatabase\t$count\t$size_mb" >>"$ART/samples.tsv"
  tables=$(sqlite3 "$DB" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
  scan_sql=""
  for t in $tables; do scan_sql+="SELECT * FROM \"$t\";"; done
  R=(--db "$DB" --today "$TODAY")
  for round in $(seq 1 "$RUNS"); do
    log "$N agreements, round $round of $RUNS"
    measure "$N" "bare sqlite3 scan" sqlite3 -readonly "$DB" "$scan_sql"
    measure "$N" "list --json" "$BIN" "${R[@]}" list --json
    measure "$N" "list --jsonl" "$BIN" "${R[@]}" list --jsonl
    measure "$N" "deadlines --json" "$BIN" "${R[@]}" deadlines --json
    measure "$N" "deadlines --jsonl" "$BIN" "${R[@]}" deadlines --jsonl
    measure "$N" "deadlines --within 90 --json" "$BIN" "${R[@]}" deadlines --within 90 --json
    measure "$N" "remind --dry-run --json" "$BIN" "${R[@]}" remind --dry-run --json
    measure "$N" "export-ics" "$BIN" "${R[@]}" export-ics -o "$WORK/out.ics"
    measure "$N" "export --format csv" "$BIN" "${R[@]}" export --format csv -o "$WORK/out.csv"
  done
  if [ -n "${SCALE_BRIEF:-}" ]; then
    # brief --all on a copy holding the first SCALE_BRIEF agreements.
    cp "$DB" "$WORK/brief.db"
    sqlite3 "$WORK/brief.db" "PRAGMA foreign_keys = OFF;
      DELETE FROM agreement_engine WHERE agreement_id > $SCALE_BRIEF;
      DELETE FROM documents WHERE agreement_id > $SCALE_BRIEF;
      DELETE FROM history WHERE agreement_id > $SCALE_BRIEF;
      DELETE FROM reminder_log WHERE agreement_id > $SCALE_BRIEF;
      DELETE FROM agreements WHERE id > $SCALE_BRIEF;" >/dev/null
    measure "$N" "brief --all ($SCALE_BRIEF agreements)" "$BIN" --db "$WORK/brief.db" --today "$TODAY" brief --all "$WORK/briefs"
    rm -rf "$WORK/briefs" "$WORK/brief.db"
  fi
done

if [ -x "$THREADS_BIN" ]; then
  log "assess_many: one thread vs all"
  "$THREADS_BIN" $SIZES 4096 >"$ART/threads.tsv"
fi

python3 - "$ART" <<'PY' | tee "$ART/report.md"
import sys, statistics, collections
art = sys.argv[1]
samples = collections.defaultdict(list)
db = {}
order = []
for line in open(f"{art}/samples.tsv"):
    n, name, a, b = line.rstrip("\n").split("\t")
    if name == "database":
        db[n] = (int(a), int(b))
        continue
    if (n, name) not in samples:
        order.append((n, name))
    samples[(n, name)].append((float(a), int(b)))
sizes = sorted({n for n, _ in order}, key=int, reverse=True)
for n in sizes:
    count, mb = db.get(n, (0, 0))
    scan = statistics.median(s for s, _ in samples[(n, "bare sqlite3 scan")])
    print(f"\n### {int(n):,} agreements (database {mb:,} MB, {count:,} agreements)\n")
    print("| command | runs | median time (s) | × bare scan | peak RSS (MB), max of runs |")
    print("|---|---|---|---|---|")
    for key in order:
        if key[0] != n:
            continue
        runs = samples[key]
        t = statistics.median(s for s, _ in runs)
        rss = max(k for _, k in runs) / 1024
        ratio = "1.00" if key[1] == "bare sqlite3 scan" else f"{t / scan:.2f}"
        print(f"| `{key[1]}` | {len(runs)} | {t:.2f} | {ratio} | {rss:.0f} |")
try:
    rows = [l.rstrip("\n").split("\t") for l in open(f"{art}/threads.tsv")]
    print("\n### assess_many: one thread vs all (median of 5 runs)\n")
    print("| agreements | threads | one thread (ms) | assess_many (ms) | ratio |")
    print("|---|---|---|---|---|")
    for r in rows[1:]:
        print(f"| {int(r[0]):,} | {r[1]} | {r[2]} | {r[3]} | {r[4]} |")
except FileNotFoundError:
    pass
PY

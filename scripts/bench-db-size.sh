#!/usr/bin/env bash
# Database size against the documents it holds (issue 14 item 3): imports the same documents
# with two `renewals` binaries (before and after sources became line spans) into new
# databases and prints, for each, the documents' bytes, the database's bytes (after a WAL
# checkpoint and VACUUM, i.e. pages in use) and their ratio.
#
# Usage: scripts/bench-db-size.sh BEFORE_BIN AFTER_BIN [N]
#   N: copies of each of the 3 seeds (default 100), each with its own title.
# Documents: /work/shared/seeds (or $SEEDS) ×N, and tests/corpus/reading (every .md, .txt,
# .docx and .pdf; those that do not import are left out of both sums).
set -euo pipefail
before=$1
after=$2
n=${3:-100}
here=$(cd "$(dirname "$0")/.." && pwd)
seeds=${SEEDS:-$here/../shared/seeds}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/seeds"
for f in "$seeds"/*.md; do
  base=$(basename "$f" .md)
  for i in $(seq -w 1 "$n"); do
    # A distinct title (first heading) makes each copy its own agreement.
    sed "0,/^# \(.*\)$/s//# \1 $i/" "$f" > "$work/seeds/$base-$i.md"
  done
done
mkdir -p "$work/corpus"
for f in "$here"/tests/corpus/reading/*; do
  case "$f" in *.md|*.txt|*.docx|*.pdf) cp "$f" "$work/corpus/" ;; esac
done

measure() { # label bin dir
  local label=$1 bin=$2 dir=$3 db="$work/$1.db"
  rm -f "$db" "$db"-wal "$db"-shm
  "$bin" --db "$db" import "$dir"/* > /dev/null 2>&1 || true
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" > /dev/null
  local docs=0 f
  while IFS= read -r f; do
    docs=$((docs + $(stat -c %s "$dir/$f")))
  done < <(sqlite3 "$db" "SELECT file_name FROM documents")
  local size count data
  size=$(stat -c %s "$db")
  count=$(sqlite3 "$db" "SELECT COUNT(*) FROM agreements")
  data=$(sqlite3 "$db" "SELECT SUM(LENGTH(data)) FROM agreements")
  printf '%-16s %6s agreements  documents %10s B  database %10s B  ratio %5.2f  agreements.data %10s B\n' \
    "$label" "$count" "$docs" "$size" "$(echo "$size / $docs" | bc -l)" "$data"
}

measure "seeds-before" "$before" "$work/seeds"
measure "seeds-after" "$after" "$work/seeds"
measure "corpus-before" "$before" "$work/corpus"
measure "corpus-after" "$after" "$work/corpus"
# The before database converted by migration 0005 (opening it with the new binary).
cp "$work/seeds-before.db" "$work/seeds-migrated.db"
"$after" --db "$work/seeds-migrated.db" list > /dev/null
sqlite3 "$work/seeds-migrated.db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" > /dev/null
printf '%-16s database %10s B  agreements.data %10s B\n' "seeds-migrated" \
  "$(stat -c %s "$work/seeds-migrated.db")" \
  "$(sqlite3 "$work/seeds-migrated.db" "SELECT SUM(LENGTH(data)) FROM agreements")"

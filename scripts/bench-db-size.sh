#!/usr/bin/env bash
# Database size against the documents it holds (issue 14 item 3): imports the same documents
# with two `renewals` binaries (e.g. before and after a change of the stored form) into new
# databases and prints, for each, the documents' bytes, the database's bytes (after a WAL
# checkpoint and VACUUM, i.e. pages in use), their ratio, and the bytes of the stored
# agreements (`data`, plus `packed` since migration 0009), of the engine copies and of the
# stored documents (`source_text`, plus `packed` since 0009).
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
  local size count
  size=$(stat -c %s "$db")
  count=$(sqlite3 "$db" "SELECT COUNT(*) FROM agreements")
  printf '%-16s %6s agreements  documents %10s B  database %10s B  ratio %5.2f  %s\n' \
    "$label" "$count" "$docs" "$size" "$(echo "$size / $docs" | bc -l)" "$(stored "$db")"
}

stored() { # db: bytes of the stored agreements, engine copies and documents
  local db=$1 packed_a="" packed_d=""
  if [ "$(sqlite3 "$db" "SELECT COUNT(*) FROM pragma_table_info('agreements') WHERE name = 'packed'")" = 1 ]; then
    packed_a=" + IFNULL(LENGTH(packed), 0)"
    packed_d=" + IFNULL(LENGTH(packed), 0)"
  fi
  printf 'agreements %10s B  engine %10s B  documents stored %10s B' \
    "$(sqlite3 "$db" "SELECT SUM(LENGTH(data)$packed_a) FROM agreements")" \
    "$(sqlite3 "$db" "SELECT SUM(LENGTH(engine)) FROM agreement_engine")" \
    "$(sqlite3 "$db" "SELECT SUM(LENGTH(CAST(source_text AS BLOB))$packed_d) FROM documents")"
}

measure "seeds-before" "$before" "$work/seeds"
measure "seeds-after" "$after" "$work/seeds"
measure "corpus-before" "$before" "$work/corpus"
measure "corpus-after" "$after" "$work/corpus"
# The before database converted by the after binary's migrations (opening it with it).
cp "$work/seeds-before.db" "$work/seeds-migrated.db"
"$after" --db "$work/seeds-migrated.db" list > /dev/null
sqlite3 "$work/seeds-migrated.db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" > /dev/null
printf '%-16s database %10s B  %s\n' "seeds-migrated" \
  "$(stat -c %s "$work/seeds-migrated.db")" "$(stored "$work/seeds-migrated.db")"

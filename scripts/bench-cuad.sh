#!/usr/bin/env bash
# Reading real contracts: `renewals extract --json` over the CUAD v1 developers' split
# (385 SEC-filed contracts; CUAD by The Atticus Project, CC BY 4.0, see
# ../shared/data/cuad-dev/ATTRIBUTION.md), scored by the split's own extract_to_pred.py and
# score.py. Prints per-field accuracy and precision, the share of contracts with a date wrong
# at high confidence and the extraction time; with --write, appends the run to
# docs/benchmarks.md (section "Reading real contracts (CUAD)").
#
# usage: scripts/bench-cuad.sh [--write] [--errors FIELD]
set -euo pipefail
cd "$(dirname "$0")/.."
CUAD="${CUAD_DIR:-$(cd ../shared/data/cuad-dev && pwd)}"
WRITE=0; ERRORS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --write) WRITE=1 ;;
    --errors) ERRORS="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "${RENEWALS_BIN:-}" ]; then
  cargo build --release -q -p renewals-cli
fi
BIN="${RENEWALS_BIN:-$PWD/target/release/renewals}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
n=$(ls "$CUAD"/contracts/*.txt | wc -l)
start=$(date +%s.%N)
(cd "$CUAD" && "$BIN" extract --json contracts/*.txt > "$OUT/x.jsonl") || true
end=$(date +%s.%N)
secs=$(python3 -c "print(f'{$end - $start:.2f}')")
conf=$(cd "$CUAD" && python3 extract_to_pred.py "$OUT/x.jsonl" "$OUT/pred.jsonl" labels.jsonl)
(cd "$CUAD" && python3 score.py "$OUT/pred.jsonl" --json) > "$OUT/score.json"
(cd "$CUAD" && python3 score.py "$OUT/pred.jsonl")
if [ -n "$ERRORS" ]; then (cd "$CUAD" && python3 score.py "$OUT/pred.jsonl" --errors "$ERRORS"); fi
report=$(python3 - "$OUT/score.json" "$conf" "$n" "$secs" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); c = json.loads(sys.argv[2]); n = int(sys.argv[3]); secs = sys.argv[4]
fields = s.get("fields", s)
targets = {"effective_date": (88, 92), "expiration_date": (80, 88), "renewal_term": (93, 95),
           "notice_to_terminate_renewal": (93, 90), "termination_for_convenience": (87, 85)}
rows = ["| field | accuracy | precision | target (acc / prec) |", "|---|---|---|---|"]
for k, (ta, tp) in targets.items():
    f = fields.get(k, {})
    acc = f.get("accuracy"); prec = f.get("precision")
    fmt = lambda v: "-" if v is None else f"{100*v:.1f} %" if v <= 1 else f"{v:.1f} %"
    rows.append(f"| {k} | {fmt(acc)} | {fmt(prec)} | {ta} % / {tp} % |")
wrong = sum(c["wrong_high"].values())
rows.append("")
rows.append(f"Dates wrong at high confidence: {c['wrong_high']['effective_date']} effective, "
            f"{c['wrong_high']['expiration_date']} expiry, in {n} contracts "
            f"(at most {100*wrong/n:.1f} % of contracts; target ≤ 5 %). Errors: {c['errors']}.")
rows.append(f"Extraction time: {secs} s for {n} contracts (release build, `renewals extract --json`; target ≤ 5 s).")
print("\n".join(rows))
PY
)
echo
echo "$report"
if [ "$WRITE" = 1 ]; then
  python3 - docs/benchmarks.md "$report" "$(date -u +%F)" <<'PY'
import sys, re
path, report, day = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
head = "## Reading real contracts (CUAD)"
section = f"""{head}

Run: `scripts/bench-cuad.sh --write` (builds the release CLI, runs `renewals extract --json` over
the 385 contracts of the CUAD v1 developers' split in `../shared/data/cuad-dev/`, then that
folder's `extract_to_pred.py` and `score.py`). Accuracy counts "not stated" read as not stated;
precision is over the values the reader gave. The reader is also measured on contracts outside
this set, so its rules are written for the language of contracts, not for these files.

Data: CUAD v1 (Contract Understanding Atticus Dataset) by The Atticus Project, Inc.,
https://www.atticusprojectai.org/cuad, licensed CC BY 4.0; Hendrycks, Burns, Chen and Ball,
"CUAD: An Expert-Annotated NLP Dataset for Legal Contract Review", NeurIPS 2021. The contracts
are public SEC EDGAR exhibits; texts and labels are used unmodified.

Measured {day}:

{report}
"""
if head in text:
    text = re.sub(re.escape(head) + r".*?(?=\n## |\Z)", lambda m: section.rstrip() + "\n", text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w", encoding="utf-8").write(text)
PY
  echo "written to docs/benchmarks.md"
fi

#!/usr/bin/env bash
# Golden check for refactors: the JSONL export of the bundled samples + seed, the PolNeAR-style
# annotation of PolNeAR dev, and every `claimledger eval` figure, written to OUT_DIR.  Run it before
# and after a change and `diff -r` the two folders: a refactor changes nothing.
# Usage: bash scripts/golden.sh OUT_DIR   (OUT_DIR an absolute path; about 5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: golden.sh OUT_DIR}
SHARED=${CLAIMLEDGER_SHARED:-../shared}
CL=.venv/bin/claimledger
rm -rf "$OUT"; mkdir -p "$OUT"
$CL demo --db "$OUT/demo.duckdb" --no-show --no-serve > "$OUT/demo.txt"
$CL export --db "$OUT/demo.duckdb" --format jsonl --out "$OUT/export"
rm -f "$OUT/demo.duckdb" "$OUT/demo.duckdb.wal"
$CL annotate --format brat "$SHARED/data/polnear/data/dev/text" "$OUT/brat" > /dev/null
for what in "polnear --split dev" seed figures time places html; do
  $CL eval $what > "$OUT/eval-${what%% *}.txt" 2>&1
done
# Paths and timings differ between checkouts and runs: normalise them so `diff -r` shows only real changes.
.venv/bin/python - "$OUT" "$(pwd)" <<'PY'
import re, sys
from pathlib import Path
out, root = sys.argv[1], sys.argv[2]
RULES = [(re.compile(r"\(?[0-9.]+ s(,|\)|$)", re.M), "T"), (re.compile(r"[0-9.]+ articles/s"), "R"),
         (re.compile(r"= [0-9.]+x"), "= X"), (re.compile(r"  +[0-9.]+ +0$", re.M), " T 0"),
         (re.compile(r"\| [0-9]+ s$", re.M), "| T")]
for path in Path(out).rglob("*"):
    if path.is_file():
        text = path.read_text(encoding="utf-8").replace(root, "ROOT").replace(out, "OUT")
        for rx, rep in RULES:
            text = rx.sub(rep, text)
        path.write_text(text, encoding="utf-8")
PY
echo "golden: written to $OUT (compare two runs with: diff -r BEFORE AFTER)"

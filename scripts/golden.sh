#!/usr/bin/env bash
# Golden check for refactors: the JSONL export of the bundled samples + seed, the PolNeAR-style
# annotation of PolNeAR dev, and every `claimledger eval` figure, written to OUT_DIR.  Run it before
# and after a change and `diff -r` the two folders: a refactor changes nothing.
# Usage: bash scripts/golden.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: golden.sh OUT_DIR}
SHARED=${CLAIMLEDGER_SHARED:-../shared}
CL=.venv/bin/claimledger
rm -rf "$OUT"; mkdir -p "$OUT"
$CL demo --db "$OUT/demo.duckdb" --no-show > "$OUT/demo.txt"
$CL export --db "$OUT/demo.duckdb" --format jsonl --out "$OUT/export"
rm -f "$OUT/demo.duckdb" "$OUT/demo.duckdb.wal"
$CL annotate --format brat "$SHARED/data/polnear/data/dev/text" "$OUT/brat" > /dev/null
for what in "polnear --split dev" seed figures time places html; do
  $CL eval $what > "$OUT/eval-${what%% *}.txt" 2>&1
done
echo "golden: written to $OUT"

#!/usr/bin/env bash
# README command 1: set up, then ingest the bundled sample articles (and the seed article) into an
# embedded DuckDB ledger and show what was read.  Usage: bash scripts/demo.sh [LEDGER.duckdb]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/claimledger demo --db "${1:-claimledger-demo.duckdb}"

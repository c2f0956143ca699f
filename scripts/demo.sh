#!/usr/bin/env bash
# README command 1: set up, ingest the bundled sample articles (and the seed article) into an embedded
# DuckDB ledger, show what was read, then serve it: the web app and the REST API at the printed URL
# (Ctrl-C stops the server).  Usage: bash scripts/demo.sh [LEDGER.duckdb]   (PORT=8001 to change the port)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/claimledger demo --db "${1:-claimledger-demo.duckdb}" --port "${PORT:-8000}"

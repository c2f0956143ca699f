#!/usr/bin/env bash
# README command 2: set up, run the guard rails (scripts/check.sh), then the whole test suite.
# The PostgreSQL tests run against CLAIMLEDGER_TEST_PG when it is set; otherwise, when the server
# binaries are installed, a throwaway server is started here (scripts/pg.sh) and stopped afterwards.
# pytest's exit 5 (no test ran) is a failure like any other non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/check.sh
if [ -z "${CLAIMLEDGER_TEST_PG:-}" ]; then
  eval "$(bash scripts/pg.sh start)"
  if [ -n "${CLAIMLEDGER_PG_DIR:-}" ]; then
    trap 'bash scripts/pg.sh stop "$CLAIMLEDGER_PG_DIR"' EXIT
  fi
fi
.venv/bin/python -m pytest -q "$@"

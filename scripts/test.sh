#!/usr/bin/env bash
# README command 2: set up, then run the whole test suite (pytest's exit 5 = no test ran = failure).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest -q "$@"

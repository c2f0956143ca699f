#!/usr/bin/env bash
# Create .venv (Python 3.11) and install claimledger with its development extras.  Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for cand in python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1; then PY=$cand; break; fi
  done
fi
[ -n "$PY" ] || { echo "setup: Python 3.11 not found (set PYTHON=...)" >&2; exit 1; }
"$PY" -c 'import sys; assert sys.version_info[:2] >= (3, 11), sys.version' \
  || { echo "setup: claimledger needs Python >= 3.11 ($PY is older)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
bash scripts/vendor_assets.sh  # the web app's front-end libraries from npm (fails clearly without npm)
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"

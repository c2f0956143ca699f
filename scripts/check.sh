#!/usr/bin/env bash
# The guard rails (CI runs them before the tests; scripts/test.sh runs them too):
# ruff (lint + format), mypy --strict over src/, import-linter's layer contracts (.importlinter),
# and the import graph docs/ARCHITECTURE.md shows (scripts/import_graph.py).
# Every check runs; the script fails if any of them failed.
set -uo pipefail
cd "$(dirname "$0")/.."
PATHS=(src tests bench training scripts)
failed=()
echo "check: ruff check";  .venv/bin/ruff check -q "${PATHS[@]}"          || failed+=("ruff check")
echo "check: ruff format"; .venv/bin/ruff format -q --check "${PATHS[@]}" || failed+=("ruff format")
echo "check: mypy";        .venv/bin/mypy                                 || failed+=("mypy")
echo "check: import-linter"; .venv/bin/lint-imports --no-cache > /tmp/lint-imports.$$ 2>&1 \
  && grep -E "KEPT|BROKEN|Contracts:" /tmp/lint-imports.$$ || { cat /tmp/lint-imports.$$; failed+=("import-linter"); }
rm -f /tmp/lint-imports.$$
echo "check: import graph in docs/ARCHITECTURE.md"; .venv/bin/python scripts/import_graph.py --check docs/ARCHITECTURE.md || failed+=("import graph doc")
if [ ${#failed[@]} -gt 0 ]; then echo "check: FAILED: ${failed[*]}" >&2; exit 1; fi
echo "check: all guard rails pass"

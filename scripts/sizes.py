"""List the modules over ~500 lines and the functions over ~80 lines in ``src/``.

Usage: ``python scripts/sizes.py [ROOT]`` (ROOT defaults to this checkout's ``src``).  Prints one line
per oversized module or function, largest first, and exits 0; ``tests/test_structure.py`` fails when
one appears that its allow-list does not name (with a reason).  Sizes are physical lines as the file
shows them: a module's line count, a function's ``def`` (decorators excluded) to its last line,
nested functions and methods counted on their own as well as inside their parent.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

MODULE_LINES = 500
FUNCTION_LINES = 80
DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "src"


@dataclass(frozen=True)
class Oversize:
    """One module or function over its limit: ``key`` names it stably (``path`` or ``path::qualname``)."""

    kind: str  # "module" | "function"
    key: str
    lines: int
    limit: int


def _functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{node.name}"
            out.append((name, (node.end_lineno or node.lineno) - node.lineno + 1))
            out += _functions(node, f"{name}.")
        elif isinstance(node, ast.ClassDef):
            out += _functions(node, f"{prefix}{node.name}.")
        else:
            out += _functions(node, prefix)
    return out


def measure(root: Path = DEFAULT_ROOT) -> list[Oversize]:
    """Every module over :data:`MODULE_LINES` and function over :data:`FUNCTION_LINES` under ``root``.

    Args:
        root: the folder holding the packages (``src``); keys are paths relative to it.
    """
    found: list[Oversize] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        n = len(text.splitlines())
        if n > MODULE_LINES:
            found.append(Oversize("module", rel, n, MODULE_LINES))
        for name, lines in _functions(ast.parse(text, filename=str(path))):
            if lines > FUNCTION_LINES:
                found.append(Oversize("function", f"{rel}::{name}", lines, FUNCTION_LINES))
    return sorted(found, key=lambda o: (o.kind, -o.lines, o.key))


def main(argv: list[str] | None = None) -> int:
    """Print the oversized modules and functions of ``argv[0]`` (default: this checkout's src)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else DEFAULT_ROOT
    found = measure(root)
    for o in found:
        print(f"{o.kind:<9} {o.lines:>5} lines (limit {o.limit})  {o.key}")
    print(f"{len(found)} over the limits ({MODULE_LINES} lines a module, {FUNCTION_LINES} a function)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

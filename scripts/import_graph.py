"""Print the package-level import graph of claimledger (what docs/ARCHITECTURE.md shows).

Each line is ``package -> the packages it imports`` (direct imports, lazy ones included), computed
with grimp, the library behind import-linter (.importlinter holds the rules; this shows the facts).
``python scripts/import_graph.py --check docs/ARCHITECTURE.md`` fails when the document's block
between ``<!-- import-graph -->`` markers differs from the code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import grimp

MARK = "<!-- import-graph -->"


def top(module: str) -> str:
    """``claimledger.nlp.times.grammar`` -> ``nlp``; ``claimledger.models`` -> ``models``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def graph_lines() -> list[str]:
    """One line per package: its sorted direct dependencies on the other packages."""
    graph = grimp.build_graph("claimledger", cache_dir=None)
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        src = top(module)
        edges.setdefault(src, set())
        for imported in graph.find_modules_directly_imported_by(module):
            dst = top(imported)
            if dst != src and dst != "claimledger":
                edges[src].add(dst)
    edges.pop("claimledger", None)
    return [f"{src:<10} -> {', '.join(sorted(dst)) or '(nothing of ours)'}" for src, dst in sorted(edges.items())]


def block_of(doc: str) -> list[str]:
    """The lines between the two import-graph markers of ``doc`` (inside a code fence)."""
    _, inner, _ = doc.split(MARK, 2)
    return [line for line in inner.strip().splitlines() if line and not line.startswith("```")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, help="a document whose import-graph block must match")
    args = parser.parse_args(argv)
    lines = graph_lines()
    if args.check is None:
        print("\n".join(lines))
        return 0
    shown = block_of(args.check.read_text(encoding="utf-8"))
    if shown != lines:
        print(f"{args.check}: the import graph changed; paste this between the markers:\n", file=sys.stderr)
        print("\n".join(lines), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The code keeps the shape the next reader relies on: no borrowed private names, no oversized code.

Both checks read ``src/`` with :mod:`ast` (nothing is imported), so they are fast and catch a
regression in any module, including ones no other test imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "claimledger"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _is_module(dotted: str) -> bool:
    base = SRC.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _package_of(dotted: str) -> str:
    return dotted.rpartition(".")[0]


def _allowed_private_module(importer: str, target: str) -> bool:
    """A package's ``_private`` module is for that package (and its subpackages) only."""
    owner = _package_of(target)
    return importer == owner or importer.startswith(owner + ".")


def private_borrowings(code: str, importer: str, *, is_pkg: bool = False, label: str = "") -> list[str]:
    """Every ``_private`` name of another claimledger module that ``code`` imports or reads.

    Args:
        code: the source of one module.
        importer: its dotted name (``claimledger.nlp.times.spans``).
        is_pkg: True for a package's ``__init__.py`` (relative imports resolve against it).
        label: what to call the module in the messages (its path).

    A private *module* (``evaluate/_figure_specs.py``) may be used inside its own package; a private
    function, class or constant may be used only in the module that defines it.
    """
    tree = ast.parse(code)
    aliases: dict[str, str] = {}
    found: list[str] = []

    def check(target: str, line: int, text: str) -> None:
        if _is_module(target) and _allowed_private_module(importer, target):
            return
        found.append(f"{label or importer}:{line}: {text}")

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative import: resolve it against the importer's package
                base = importer.split(".") if is_pkg else importer.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            if not module.startswith("claimledger"):
                continue
            for part in module.split(".")[1:]:
                if _is_private(part):
                    check(module, node.lineno, f"from {module} import ...")
                    break
            for alias in node.names:
                target = f"{module}.{alias.name}"
                if _is_private(alias.name):
                    check(target, node.lineno, f"from {module} import {alias.name}")
                aliases[alias.asname or alias.name] = target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("claimledger"):
                    if any(_is_private(p) for p in alias.name.split(".")):
                        check(alias.name, node.lineno, f"import {alias.name}")
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.asname and alias.name or "claimledger"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and _is_module(aliases[node.value.id])
            and _is_private(node.attr)
        ):
            check(f"{aliases[node.value.id]}.{node.attr}", node.lineno, f"{node.value.id}.{node.attr}")
    return found


def test_structure_no_module_borrows_another_modules_private_name() -> None:
    borrowed = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        for hit in private_borrowings(
            path.read_text(encoding="utf-8"),
            _module_name(path),
            is_pkg=path.name == "__init__.py",
            label=str(path.relative_to(ROOT)),
        )
    ]
    assert not borrowed, "give these names one home and a public name:\n" + "\n".join(borrowed)


def test_structure_private_check_sees_every_way_of_borrowing() -> None:
    # The check must see each spelling of borrowing, or the test above proves nothing.
    code = (
        "from claimledger.nlp.times.values import _hidden\n"
        "from claimledger.nlp.times import values\n"
        "x = values._other\n"
        "import claimledger.nlp.times.values as v\n"
        "y = v._third\n"
        "from ..figures.numbers import _relative\n"
        "from claimledger.evaluate import _figure_specs\n"
    )
    hits = private_borrowings(code, "claimledger.nlp.times.probe")
    assert [h.split(": ", 1)[1] for h in hits] == [
        "from claimledger.nlp.times.values import _hidden",
        "from claimledger.nlp.figures.numbers import _relative",
        "from claimledger.evaluate import _figure_specs",  # a private module outside its own package
        "values._other",
        "v._third",
    ]


def test_structure_private_check_lets_a_package_use_its_private_module() -> None:
    code = "from claimledger.evaluate import _figure_specs\nrows = _figure_specs.SPECS\n"
    assert private_borrowings(code, "claimledger.evaluate.figures") == []
    assert private_borrowings("def _mine() -> None: ...\n_mine()\n", "claimledger.nlp.times.values") == []

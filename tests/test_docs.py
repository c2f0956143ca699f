"""Every CLI command is documented in the README (sqlite-utils tests/test_docs.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from claimledger.cli import COMMANDS, EVAL_COMMANDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_every_command_in_readme(name: str) -> None:
    assert f"claimledger {name}" in README


@pytest.mark.parametrize("name", sorted(EVAL_COMMANDS))
def test_docs_every_eval_command_in_readme(name: str) -> None:
    assert f"claimledger eval {name}" in README


def test_docs_readme_has_the_two_commands() -> None:
    assert "bash scripts/demo.sh" in README and "bash scripts/test.sh" in README
    test_script = (Path(__file__).resolve().parents[1] / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "pytest" in test_script


def _import_graph_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("claimledger_import_graph", ROOT / "scripts" / "import_graph.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_architecture_shows_the_import_graph_of_the_code() -> None:
    script = _import_graph_script()
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert script.block_of(doc) == script.graph_lines()


def test_docs_import_graph_check_fails_on_a_stale_block(tmp_path: Path) -> None:
    script = _import_graph_script()
    stale = tmp_path / "ARCH.md"
    lines = script.graph_lines()
    stale.write_text(f"{script.MARK}\n```\n" + "\n".join(lines[1:]) + f"\n```\n{script.MARK}\n", encoding="utf-8")
    assert script.main(["--check", str(stale)]) == 1
    stale.write_text(f"{script.MARK}\n```\n" + "\n".join(lines) + f"\n```\n{script.MARK}\n", encoding="utf-8")
    assert script.main(["--check", str(stale)]) == 0
